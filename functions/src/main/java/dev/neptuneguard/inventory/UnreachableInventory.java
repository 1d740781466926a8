package dev.neptuneguard.inventory;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account the guard cannot read (organization mode: its read role could not be assumed). It lists nothing and
 * knows no key, and says why in {@link #unreachable()}: a cluster event is then evaluated from the event's own
 * response elements with its key "cannot verify" (this reason), and a key event is reported as unverifiable instead
 * of "no Neptune resource uses the key". Nothing about such an account is ever reported as compliant or deleted.
 */
public final class UnreachableInventory implements Inventory {

    private final String account;
    private final String region;
    private final String reason;

    public UnreachableInventory(String account, String region, String reason) {
        this.account = account;
        this.region = region;
        this.reason = reason;
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
        return List.of();
    }

    @Override
    public Optional<ClusterFacts> cluster(String identifierOrArn) {
        return Optional.empty();
    }

    @Override
    public List<SnapshotFacts> snapshots() {
        return List.of();
    }

    @Override
    public Optional<SnapshotFacts> snapshot(String identifierOrArn) {
        return Optional.empty();
    }

    @Override
    public List<GraphFacts> graphs() {
        return GraphApi.ABSENT.graphs();
    }

    @Override
    public Optional<GraphFacts> graph(String idOrArn) {
        return GraphApi.ABSENT.graph(idOrArn);
    }

    @Override
    public List<GraphSnapshotFacts> graphSnapshots() {
        return GraphApi.ABSENT.graphSnapshots();
    }

    @Override
    public Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn) {
        return GraphApi.ABSENT.graphSnapshot(idOrArn);
    }

    @Override
    public KeyFacts key(String reference) {
        return KeyFacts.unverifiable(reference, reason);
    }

    @Override
    public Map<String, String> tags(String arn) {
        return Map.of();
    }

    @Override
    public Optional<String> unreachable() {
        return Optional.of(reason);
    }
}
