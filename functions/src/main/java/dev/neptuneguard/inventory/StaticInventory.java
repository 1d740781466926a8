package dev.neptuneguard.inventory;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An inventory over facts held in memory: the offline scan (AWS CLI exports), the demo account and tests.
 * Keys are found by ARN, id, alias name or alias ARN; an unknown key is reported as not found.
 */
public final class StaticInventory implements Inventory {

    private final String account;
    private final String region;
    private final List<ClusterFacts> clusters;
    private final List<SnapshotFacts> snapshots;
    private final List<KeyFacts> keys;
    private final List<GraphFacts> graphs;
    private final List<GraphSnapshotFacts> graphSnapshots;
    private final Map<String, Map<String, String>> tags;

    public StaticInventory(String account, String region, List<ClusterFacts> clusters, List<SnapshotFacts> snapshots,
                           List<KeyFacts> keys) {
        this(account, region, clusters, snapshots, keys, List.of(), List.of());
    }

    /** With Neptune Analytics graphs and graph snapshots as well. */
    public StaticInventory(String account, String region, List<ClusterFacts> clusters, List<SnapshotFacts> snapshots,
                           List<KeyFacts> keys, List<GraphFacts> graphs, List<GraphSnapshotFacts> graphSnapshots) {
        this.account = account;
        this.region = region;
        this.clusters = List.copyOf(clusters);
        this.snapshots = List.copyOf(snapshots);
        this.keys = List.copyOf(keys);
        this.graphs = List.copyOf(graphs);
        this.graphSnapshots = List.copyOf(graphSnapshots);
        this.tags = new HashMap<>();
        clusters.forEach(c -> tags.put(c.arn(), c.tags()));
        snapshots.forEach(s -> tags.put(s.arn(), s.tags()));
        graphs.forEach(g -> tags.put(g.arn(), g.tags()));
        graphSnapshots.forEach(s -> tags.put(s.arn(), s.tags()));
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public List<ClusterFacts> clusters() {
        return clusters.stream().filter(ClusterFacts::isNeptune).toList();
    }

    /** All clusters, including other engines (the offline scan counts those it skips). */
    public List<ClusterFacts> allClusters() {
        return clusters;
    }

    /** All snapshots, including other engines. */
    public List<SnapshotFacts> allSnapshots() {
        return snapshots;
    }

    public List<KeyFacts> keys() {
        return keys;
    }

    @Override
    public Optional<ClusterFacts> cluster(String identifierOrArn) {
        return clusters.stream()
                .filter(c -> identifierOrArn.equals(c.identifier()) || identifierOrArn.equals(c.arn()))
                .findFirst();
    }

    @Override
    public List<SnapshotFacts> snapshots() {
        return snapshots.stream().filter(SnapshotFacts::isNeptune).toList();
    }

    @Override
    public Optional<SnapshotFacts> snapshot(String identifierOrArn) {
        return snapshots.stream()
                .filter(s -> identifierOrArn.equals(s.identifier()) || identifierOrArn.equals(s.arn()))
                .findFirst();
    }

    @Override
    public List<GraphFacts> graphs() {
        return graphs;
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        return graphs.stream().filter(g -> idOrArn.equals(g.id()) || idOrArn.equals(g.arn())).findFirst();
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        return graphSnapshots;
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        return graphSnapshots.stream().filter(s -> idOrArn.equals(s.id()) || idOrArn.equals(s.arn())).findFirst();
    }

    /**
     * The key a reference names. A key the data has no record of is {@link KeyFacts#notInData}: "cannot verify",
     * never "deleted" (an export cannot describe another account's key, nor one its reader may not describe). A
     * recorded failure (an export's {@code .error} file) keeps the evidence KMS gave.
     */
    @Override
    public KeyFacts key(String reference) {
        for (KeyFacts k : keys) {
            if (KeyReferences.refersTo(reference, k)) {
                return k.verifiable() || reference.equals(k.reference()) ? k : k.askedAs(reference);
            }
        }
        KeyFacts missing = KeyFacts.notInData(reference, "");
        return KeyFacts.notInData(reference, "the export has no describe-key output for " + reference + " ("
                + missing.howToVerify(account) + ")");
    }

    @Override
    public Map<String, String> tags(String arn) {
        return tags.getOrDefault(arn, Map.of());
    }

    /** A copy with more keys, e.g. keys described after loading. */
    public StaticInventory withKeys(List<KeyFacts> more) {
        List<KeyFacts> all = new ArrayList<>(keys);
        all.addAll(more);
        return new StaticInventory(account, region, clusters, snapshots, all, graphs, graphSnapshots);
    }
}
