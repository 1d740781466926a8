package dev.neptuneguard.revocation;

import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything in one account and region that a KMS key takes down with it: the Neptune clusters and cluster
 * snapshots (manual and automated) encrypted with it, each cluster with its recovery path, and the Neptune Analytics
 * graphs and graph snapshots on it. Built by {@link KeyUsage#radius(KeyFacts)}.
 */
public record BlastRadius(KeyFacts key, List<AffectedCluster> clusters, List<SnapshotFacts> snapshots,
                          List<GraphFacts> graphs, List<GraphSnapshotFacts> graphSnapshots) {

    /** Graph statuses in which a graph no longer needs its key: it is going away, or it has already failed. */
    private static final Set<String> NOT_LIVE_GRAPH = Set.of("DELETING", "FAILED");

    public BlastRadius {
        clusters = List.copyOf(clusters);
        snapshots = List.copyOf(snapshots);
        graphs = List.copyOf(graphs);
        graphSnapshots = List.copyOf(graphSnapshots);
    }

    /** Clusters and cluster snapshots only (an account without graphs, or a caller that has none to give). */
    public BlastRadius(KeyFacts key, List<AffectedCluster> clusters, List<SnapshotFacts> snapshots) {
        this(key, clusters, snapshots, List.of(), List.of());
    }

    /** True when at least one Neptune cluster, cluster snapshot, graph or graph snapshot uses the key. */
    public boolean inUse() {
        return size() > 0;
    }

    /** How many resources use the key. */
    public int size() {
        return clusters.size() + snapshots.size() + graphs.size() + graphSnapshots.size();
    }

    /** Clusters that are not being deleted: the ones protection acts for. */
    public List<AffectedCluster> liveClusters() {
        return clusters.stream().filter(AffectedCluster::live).toList();
    }

    /**
     * Graphs that still depend on the key: not being deleted and not already failed. A graph whose status is unknown
     * counts as live, as a cluster does: missing data must not lower the protection.
     */
    public List<GraphFacts> liveGraphs() {
        return graphs.stream().filter(g -> g.status() == null || !NOT_LIVE_GRAPH.contains(g.status().toUpperCase()))
                .toList();
    }

    /** ARNs of the clusters, the cluster snapshots, the graphs, then the graph snapshots. */
    public List<String> affectedArns() {
        List<String> arns = new ArrayList<>(size());
        clusters.forEach(c -> arns.add(c.cluster().arn()));
        snapshots.forEach(s -> arns.add(s.arn()));
        graphs.forEach(g -> arns.add(g.arn()));
        graphSnapshots.forEach(s -> arns.add(s.arn()));
        return arns;
    }

    /**
     * "1 Neptune cluster and 2 cluster snapshots", "3 Neptune clusters", "1 cluster snapshot",
     * "2 Neptune clusters, 1 Neptune Analytics graph and 1 graph snapshot".
     */
    public String counted() {
        List<String> parts = new ArrayList<>(4);
        if (!clusters.isEmpty() || size() == 0) {
            parts.add(plural(clusters.size(), "Neptune cluster"));
        }
        if (!snapshots.isEmpty()) {
            parts.add(plural(snapshots.size(), "cluster snapshot"));
        }
        if (!graphs.isEmpty()) {
            parts.add(plural(graphs.size(), "Neptune Analytics graph"));
        }
        if (!graphSnapshots.isEmpty()) {
            parts.add(plural(graphSnapshots.size(), "graph snapshot"));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
