package dev.neptuneguard.cli;

import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sections of a human-readable report: one per account and region. An export may hold several accounts' data
 * for one region (two bundles, or AWS CLI outputs of two accounts); each account gets its own section, header and
 * summary, so a finding is reported once, under the account its resource belongs to (the account in its ARN).
 * Every section keeps all of the region's keys: a cluster may use another account's key, and a key only yields a
 * finding in the section of the resources that use it.
 */
final class ReportSections {

    private ReportSections() {
    }

    /** One inventory per account and region, sorted by region, then account. */
    static List<StaticInventory> of(List<StaticInventory> byRegion) {
        List<StaticInventory> out = new ArrayList<>();
        for (StaticInventory region : byRegion) {
            out.addAll(byAccount(region));
        }
        return out;
    }

    /** The inventory itself when it holds one account; else one inventory per account, in account order. */
    static List<StaticInventory> byAccount(StaticInventory region) {
        Map<String, List<ClusterFacts>> clusters = new TreeMap<>();
        Map<String, List<SnapshotFacts>> snapshots = new TreeMap<>();
        for (ClusterFacts c : region.allClusters()) {
            clusters.computeIfAbsent(accountOf(c.account(), region), a -> new ArrayList<>()).add(c);
        }
        for (SnapshotFacts s : region.allSnapshots()) {
            snapshots.computeIfAbsent(accountOf(s.account(), region), a -> new ArrayList<>()).add(s);
        }
        Set<String> accounts = new TreeSet<>(clusters.keySet());
        accounts.addAll(snapshots.keySet());
        if (accounts.size() <= 1) {
            return List.of(region);
        }
        List<StaticInventory> out = new ArrayList<>();
        for (String account : accounts) {
            out.add(new StaticInventory(account, region.region(), clusters.getOrDefault(account, List.of()),
                    snapshots.getOrDefault(account, List.of()), region.keys()));
        }
        return out;
    }

    private static String accountOf(String fromArn, StaticInventory region) {
        return fromArn != null ? fromArn : region.account() == null ? "" : region.account();
    }
}
