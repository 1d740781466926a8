package dev.neptuneguard.revocation;

import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An inventory that counts what is asked of it, to check that the key guard's cost grows with keys, not resources. */
final class CountingInventory implements Inventory {

    private final Inventory delegate;
    int clusterListings;
    int snapshotListings;
    int graphListings;
    int graphSnapshotListings;
    final List<String> keyLookups = new ArrayList<>();

    CountingInventory(Inventory delegate) {
        this.delegate = delegate;
    }

    @Override
    public String account() {
        return delegate.account();
    }

    @Override
    public String region() {
        return delegate.region();
    }

    @Override
    public List<ClusterFacts> clusters() {
        clusterListings++;
        return delegate.clusters();
    }

    @Override
    public Optional<ClusterFacts> cluster(String identifierOrArn) {
        throw new AssertionError("the key guard lists clusters once instead of describing them one by one");
    }

    @Override
    public List<SnapshotFacts> snapshots() {
        snapshotListings++;
        return delegate.snapshots();
    }

    @Override
    public Optional<SnapshotFacts> snapshot(String identifierOrArn) {
        throw new AssertionError("the key guard lists snapshots once instead of describing them one by one");
    }

    @Override
    public List<GraphFacts> graphs() {
        graphListings++;
        return delegate.graphs();
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        throw new AssertionError("the key guard lists graphs once instead of getting them one by one");
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        graphSnapshotListings++;
        return delegate.graphSnapshots();
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        throw new AssertionError("the key guard lists graph snapshots once instead of getting them one by one");
    }

    @Override
    public KeyFacts key(String reference) {
        keyLookups.add(reference);
        return delegate.key(reference);
    }

    @Override
    public Map<String, String> tags(String arn) {
        throw new AssertionError("the key guard needs no resource tags");
    }
}
