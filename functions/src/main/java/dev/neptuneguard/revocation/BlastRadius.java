package dev.neptuneguard.revocation;

import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything in one account and region that a KMS key takes down with it: the Neptune clusters and cluster
 * snapshots (manual and automated) encrypted with it, each cluster with its recovery path. Built by
 * {@link KeyUsage#radius(KeyFacts)}.
 */
public record BlastRadius(KeyFacts key, List<AffectedCluster> clusters, List<SnapshotFacts> snapshots) {

    public BlastRadius {
        clusters = List.copyOf(clusters);
        snapshots = List.copyOf(snapshots);
    }

    /** True when at least one Neptune cluster or snapshot uses the key. */
    public boolean inUse() {
        return !clusters.isEmpty() || !snapshots.isEmpty();
    }

    /** Clusters that are not being deleted: the ones protection acts for. */
    public List<AffectedCluster> liveClusters() {
        return clusters.stream().filter(AffectedCluster::live).toList();
    }

    /** ARNs of the clusters, then of the snapshots. */
    public List<String> affectedArns() {
        List<String> arns = new ArrayList<>(clusters.size() + snapshots.size());
        clusters.forEach(c -> arns.add(c.cluster().arn()));
        snapshots.forEach(s -> arns.add(s.arn()));
        return arns;
    }

    /** "1 Neptune cluster and 2 cluster snapshots", "3 Neptune clusters", "1 cluster snapshot". */
    public String counted() {
        String c = clusters.size() + " Neptune cluster" + (clusters.size() == 1 ? "" : "s");
        String s = snapshots.size() + " cluster snapshot" + (snapshots.size() == 1 ? "" : "s");
        if (snapshots.isEmpty()) {
            return c;
        }
        return clusters.isEmpty() ? s : c + " and " + s;
    }
}
