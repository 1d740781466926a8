package dev.neptuneguard.revocation;

import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.inventory.KeyReferences;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Neptune clusters, snapshots, graphs and graph snapshots use which KMS key, for one invocation. It lists each
 * kind once, and describes each distinct key at most once, so that the AWS calls of a key event grow with
 * the pages of those listings and the number of distinct keys, never with the number of resources. Resources
 * name their key by ARN; a reference that is not an ARN (offline data) is matched by id or alias.
 */
public final class KeyUsage {

    private final Inventory inventory;
    private final List<ClusterFacts> clusters;
    private final List<SnapshotFacts> snapshots;
    private final List<GraphFacts> graphs;
    private final List<GraphSnapshotFacts> graphSnapshots;
    private final Map<String, KeyFacts> described = new HashMap<>();
    private Map<String, List<SnapshotFacts>> byCluster;

    private KeyUsage(Inventory inventory, List<ClusterFacts> clusters, List<SnapshotFacts> snapshots,
                     List<GraphFacts> graphs, List<GraphSnapshotFacts> graphSnapshots) {
        this.inventory = inventory;
        this.clusters = clusters;
        this.snapshots = snapshots;
        this.graphs = graphs;
        this.graphSnapshots = graphSnapshots;
    }

    /**
     * Lists the Neptune clusters and snapshots and the Neptune Analytics graphs and graph snapshots of the
     * inventory's account and region (two more paginated listings; a region without Neptune Analytics lists none).
     */
    public static KeyUsage read(Inventory inventory) {
        return new KeyUsage(inventory, inventory.clusters(), inventory.snapshots(), inventory.graphs(),
                inventory.graphSnapshots());
    }

    public String account() {
        return inventory.account();
    }

    public String region() {
        return inventory.region();
    }

    public List<ClusterFacts> clusters() {
        return clusters;
    }

    public List<SnapshotFacts> snapshots() {
        return snapshots;
    }

    public List<GraphFacts> graphs() {
        return graphs;
    }

    public List<GraphSnapshotFacts> graphSnapshots() {
        return graphSnapshots;
    }

    /** Describes a key by id, ARN, alias name or alias ARN; each reference (and each key ARN) only once. */
    public KeyFacts key(String reference) {
        KeyFacts known = described.get(reference);
        if (known != null) {
            return known;
        }
        KeyFacts key = inventory.key(reference);
        described.put(reference, key);
        if (key.arn() != null) {
            described.putIfAbsent(key.arn(), key);
        }
        return key;
    }

    /** Every distinct key that an encrypted Neptune cluster or snapshot names, described. */
    public List<KeyFacts> keysInUse() {
        Set<String> references = new LinkedHashSet<>();
        clusters.stream().filter(ClusterFacts::encrypted).map(ClusterFacts::kmsKeyId).forEach(references::add);
        snapshots.stream().filter(SnapshotFacts::encrypted).map(SnapshotFacts::kmsKeyId).forEach(references::add);
        // A graph on the AWS owned key names no key (customerKey() is null): there is nothing to describe.
        graphs.stream().map(GraphFacts::customerKey).forEach(references::add);
        graphSnapshots.stream().map(GraphSnapshotFacts::customerKey).forEach(references::add);
        references.remove(null);
        Map<String, KeyFacts> byArn = new LinkedHashMap<>();
        for (String reference : references) {
            KeyFacts key = key(reference);
            byArn.putIfAbsent(key.displayArn(), key);
        }
        return List.copyOf(byArn.values());
    }

    /**
     * The keys in a custom key store that Neptune uses. A DisconnectCustomKeyStore event names only the store;
     * describing the keys Neptune uses and filtering on {@code CustomKeyStoreId} needs no ListKeys.
     */
    public List<KeyFacts> keysInStore(String customKeyStoreId) {
        return keysInUse().stream().filter(k -> customKeyStoreId.equals(k.customKeyStoreId())).toList();
    }

    /** The clusters and snapshots that use {@code key}, each cluster with its recovery path. */
    public BlastRadius radius(KeyFacts key) {
        List<AffectedCluster> affected = new ArrayList<>();
        for (ClusterFacts c : clusters) {
            if (c.encrypted() && uses(c.kmsKeyId(), key)) {
                affected.add(withRecoveryPath(c, key));
            }
        }
        List<SnapshotFacts> lost = snapshots.stream().filter(s -> s.encrypted() && uses(s.kmsKeyId(), key)).toList();
        List<GraphFacts> graphsOnKey = graphs.stream().filter(g -> uses(g.customerKey(), key)).toList();
        List<GraphSnapshotFacts> graphSnapshotsOnKey = graphSnapshots.stream()
                .filter(s -> uses(s.customerKey(), key)).toList();
        return new BlastRadius(key, affected, lost, graphsOnKey, graphSnapshotsOnKey);
    }

    private AffectedCluster withRecoveryPath(ClusterFacts cluster, KeyFacts atRisk) {
        List<SnapshotFacts> candidates = snapshotsByCluster().getOrDefault(cluster.identifier(), List.of()).stream()
                .filter(s -> "available".equals(s.status()))
                .filter(s -> !s.encrypted() || s.kmsKeyId() != null && !uses(s.kmsKeyId(), atRisk))
                .sorted(Comparator.comparing(SnapshotFacts::createTime,
                        Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .toList();
        for (SnapshotFacts s : candidates) {
            if (!s.encrypted()) {
                return new AffectedCluster(cluster, s, null);
            }
            KeyFacts other = key(s.kmsKeyId());
            if (other.usable()) {
                return new AffectedCluster(cluster, s, other);
            }
        }
        return new AffectedCluster(cluster, null, null);
    }

    /** Snapshots grouped by cluster identifier, built once: recovery paths stay linear in the resources. */
    private Map<String, List<SnapshotFacts>> snapshotsByCluster() {
        if (byCluster == null) {
            byCluster = new HashMap<>();
            for (SnapshotFacts s : snapshots) {
                if (s.clusterIdentifier() != null) {
                    byCluster.computeIfAbsent(s.clusterIdentifier(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        return byCluster;
    }

    /** Whether a resource's {@code KmsKeyId} names {@code key}. */
    static boolean uses(String kmsKeyId, KeyFacts key) {
        if (kmsKeyId == null) {
            return false;
        }
        if (key.arn() != null && kmsKeyId.equalsIgnoreCase(key.arn())) {
            return true;
        }
        // A key ARN that is not this key's ARN is another key; ids and aliases need the described key to compare.
        return !kmsKeyId.contains(":key/") && KeyReferences.refersTo(kmsKeyId, key);
    }
}
