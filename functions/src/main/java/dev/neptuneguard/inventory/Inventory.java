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
 * The read side of one account and region: Neptune clusters, cluster snapshots, Neptune Analytics graphs and graph
 * snapshots, and KMS keys. Implemented
 * over the AWS SDK ({@link AwsInventory}) and over in-memory facts ({@link StaticInventory}: offline
 * exports, tests). Access problems with a key are reported in {@link KeyFacts#error()}; transient AWS faults
 * that persist after the SDK's retries escape as exceptions, so that Lambda retries the event.
 */
public interface Inventory {

    String account();

    String region();

    /** Every Neptune cluster (other engines are not returned). */
    List<ClusterFacts> clusters();

    /** One cluster by identifier or ARN, whatever its engine; empty when it does not exist (yet). */
    Optional<ClusterFacts> cluster(String identifierOrArn);

    /** Every Neptune cluster snapshot, manual and automated. */
    List<SnapshotFacts> snapshots();

    /** One cluster snapshot by identifier or ARN; empty when it does not exist (yet). */
    Optional<SnapshotFacts> snapshot(String identifierOrArn);

    /**
     * Describes a key by id, ARN, alias name or alias ARN. Never {@code null}; a key that cannot be described
     * comes back with {@link KeyFacts#error()} set. Implementations describe each distinct key once.
     */
    KeyFacts key(String reference);

    /**
     * Every Neptune Analytics graph; empty where the service is not offered or not read ({@link #graphsUnread()}).
     * Not a default method: a wrapper that forgot it would hide every graph.
     */
    List<GraphFacts> graphs();

    /** One Neptune Analytics graph by id or ARN; empty when it does not exist (yet). */
    Optional<GraphFacts> graph(String idOrArn);

    /** Every Neptune Analytics graph snapshot. */
    List<GraphSnapshotFacts> graphSnapshots();

    /** One Neptune Analytics graph snapshot by id or ARN; empty when it does not exist (yet). */
    Optional<GraphSnapshotFacts> graphSnapshot(String idOrArn);

    /**
     * Why graphs were not read at all (the region has no Neptune Analytics endpoint, or the artifact lacks the SDK
     * module); empty when they were read, or when this inventory has no way to know.
     */
    default Optional<String> graphsUnread() {
        return Optional.empty();
    }

    /** Tags of a cluster, snapshot, graph or graph snapshot; empty when it has none. */
    Map<String, String> tags(String arn);

    /** Why the account cannot be read at all ({@link UnreachableInventory}); empty for a readable one. */
    default Optional<String> unreachable() {
        return Optional.empty();
    }
}
