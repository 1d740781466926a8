package dev.neptuneguard.cli.live;

import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One region's live inventory as a scan uses it: the cluster, snapshot and graph listings are read once (the encryption
 * scan and the key sweep both walk them; listing again would double the pages), and a {@link ScanProgress} is told
 * what was read, so the guard's code stays unaware of progress. Keys are already described once by the inventory.
 */
final class ObservedInventory implements Inventory {

    private final Inventory inventory;
    private final ScanProgress progress;
    private final Set<String> keysSeen = new HashSet<>();
    private List<ClusterFacts> clusters;
    private List<SnapshotFacts> snapshots;
    private List<GraphFacts> graphs;
    private List<GraphSnapshotFacts> graphSnapshots;

    ObservedInventory(Inventory inventory, ScanProgress progress) {
        this.inventory = inventory;
        this.progress = progress;
    }

    @Override
    public String account() {
        return inventory.account();
    }

    @Override
    public String region() {
        return inventory.region();
    }

    @Override
    public List<ClusterFacts> clusters() {
        if (clusters == null) {
            clusters = inventory.clusters();
            progress.clusters(clusters.size());
        }
        return clusters;
    }

    @Override
    public Optional<ClusterFacts> cluster(String identifierOrArn) {
        return inventory.cluster(identifierOrArn);
    }

    @Override
    public List<SnapshotFacts> snapshots() {
        if (snapshots == null) {
            snapshots = inventory.snapshots();
            progress.snapshots(snapshots.size());
        }
        return snapshots;
    }

    @Override
    public Optional<SnapshotFacts> snapshot(String identifierOrArn) {
        return inventory.snapshot(identifierOrArn);
    }

    @Override
    public List<GraphFacts> graphs() {
        if (graphs == null) {
            graphs = inventory.graphs();
        }
        return graphs;
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        return inventory.graph(idOrArn);
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        if (graphSnapshots == null) {
            graphSnapshots = inventory.graphSnapshots();
        }
        return graphSnapshots;
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        return inventory.graphSnapshot(idOrArn);
    }

    @Override
    public Optional<String> graphsUnread() {
        return inventory.graphsUnread();
    }

    @Override
    public KeyFacts key(String reference) {
        KeyFacts key = inventory.key(reference);
        if (keysSeen.add(key.arn() != null ? key.arn() : reference)) {
            progress.keys(1);
        }
        return key;
    }

    @Override
    public Map<String, String> tags(String arn) {
        return inventory.tags(arn);
    }
}
