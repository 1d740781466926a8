package dev.neptuneguard.revocation;

import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo account of events/README.md as a {@link StaticInventory}: five clusters (graph-prod on the CMK,
 * graph-analytics on aws/rds, graph-scratch unencrypted, graph-hsm on the CloudHSM key, graph-legacy on the legacy
 * key) and their snapshots; graph-legacy has one snapshot on its own key and one (pre-migration) on the CMK. Each
 * key's state can be set per test.
 */
public final class Demo {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String CMK_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public static final String AWS_RDS_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    public static final String HSM_ID = "7777aaaa-77aa-77aa-77aa-777777777777";
    public static final String LEGACY_ID = "5555eeee-55ee-55ee-55ee-555555555555";
    public static final String CMK = keyArn(CMK_ID);
    public static final String AWS_RDS = keyArn(AWS_RDS_ID);
    public static final String HSM = keyArn(HSM_ID);
    public static final String LEGACY = keyArn(LEGACY_ID);
    public static final String STORE = "cks-1234567890abcdef0";
    public static final Instant LEGACY_DELETION = Instant.parse("2026-11-30T17:10:02Z");
    public static final Path EVENTS = Path.of("..", "events");

    private Demo() {
    }

    public static String keyArn(String id) {
        return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + id;
    }

    public static String clusterArn(String id) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster:" + id;
    }

    public static String snapshotArn(String id) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster-snapshot:" + id;
    }

    public static String event(String relativePath) {
        try {
            return Files.readString(EVENTS.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyFacts key(String id, String alias, String manager, String origin, String state, String store,
                        Instant deletionDate, Integer window) {
        return new KeyFacts(keyArn(id), keyArn(id), id, ACCOUNT, REGION, manager, state, origin, store,
                id.startsWith("mrk-"), deletionDate, window, KeyRotation.UNKNOWN,
                alias == null ? List.of() : List.of(alias), null, null);
    }

    public static KeyFacts cmk(String state) {
        return key(CMK_ID, "alias/neptune-prod", "CUSTOMER", "AWS_KMS", state, null, null, null);
    }

    public static KeyFacts legacy(String state) {
        return key(LEGACY_ID, "alias/neptune-legacy", "CUSTOMER", "EXTERNAL", state, null,
                "PendingDeletion".equals(state) ? LEGACY_DELETION : null, "PendingDeletion".equals(state) ? 7 : null);
    }

    public static KeyFacts hsm(String state) {
        return key(HSM_ID, "alias/neptune-hsm", "CUSTOMER", "AWS_CLOUDHSM", state, STORE, null, null);
    }

    public static KeyFacts awsRds() {
        return key(AWS_RDS_ID, "alias/aws/rds", "AWS", "AWS_KMS", "Enabled", null, null, null);
    }

    public static ClusterFacts cluster(String id, String keyArn, String status, boolean deletionProtection) {
        return new ClusterFacts(clusterArn(id), id, "cluster-" + id.toUpperCase().replace("-", ""), ACCOUNT, REGION,
                "neptune", status, keyArn != null, keyArn, deletionProtection, Map.of(), false, FactSource.OFFLINE);
    }

    public static SnapshotFacts snapshot(String id, String clusterId, String type, String keyArn, String created) {
        return new SnapshotFacts(snapshotArn(id), id, clusterId, ACCOUNT, REGION, "neptune", "available", type,
                keyArn != null, keyArn, Instant.parse(created), Map.of(), false, FactSource.OFFLINE);
    }

    /** A Neptune Analytics graph {@code g-<id>} named {@code name}; {@code keyArn} null for the AWS owned key. */
    public static GraphFacts graph(String id, String name, String keyArn, String status) {
        return new GraphFacts("arn:aws:neptune-graph:" + REGION + ":" + ACCOUNT + ":graph/" + id, id, name, ACCOUNT,
                REGION, status, null, keyArn, false, Map.of(), false, FactSource.OFFLINE);
    }

    public static GraphSnapshotFacts graphSnapshot(String id, String name, String graphId, String keyArn) {
        return new GraphSnapshotFacts("arn:aws:neptune-graph:" + REGION + ":" + ACCOUNT + ":graph-snapshot/" + id, id,
                name, graphId, ACCOUNT, REGION, "AVAILABLE", keyArn, Instant.parse("2026-11-22T04:00:00Z"), Map.of(),
                false, FactSource.OFFLINE);
    }

    public static Builder account() {
        return new Builder();
    }

    /** The demo account with every key Enabled unless a test says otherwise. */
    public static final class Builder {
        private final List<KeyFacts> keys = new ArrayList<>();
        private final List<ClusterFacts> clusters = new ArrayList<>(List.of(
                cluster("graph-prod", CMK, "available", true),
                cluster("graph-analytics", AWS_RDS, "available", false),
                cluster("graph-scratch", null, "available", false),
                cluster("graph-hsm", HSM, "available", true),
                cluster("graph-legacy", LEGACY, "available", false)));
        private final List<SnapshotFacts> snapshots = new ArrayList<>(List.of(
                snapshot("rds:graph-prod-2026-11-23-03-10", "graph-prod", "automated", CMK, "2026-11-23T03:10:00Z"),
                snapshot("graph-analytics-manual-2026-11-20", "graph-analytics", "manual", AWS_RDS,
                        "2026-11-20T15:18:55Z"),
                snapshot("graph-scratch-snap", "graph-scratch", "manual", null, "2026-11-19T10:00:00Z"),
                snapshot("rds:graph-legacy-2026-11-23-03-10", "graph-legacy", "automated", LEGACY,
                        "2026-11-23T03:10:00Z"),
                snapshot("graph-legacy-pre-migration", "graph-legacy", "manual", CMK, "2026-11-01T08:00:00Z")));
        private final List<GraphFacts> graphs = new ArrayList<>();
        private final List<GraphSnapshotFacts> graphSnapshots = new ArrayList<>();
        private KeyFacts cmk = Demo.cmk("Enabled");
        private KeyFacts legacy = Demo.legacy("Enabled");
        private KeyFacts hsm = Demo.hsm("Enabled");
        private boolean legacyDeleted;

        public Builder cmk(KeyFacts k) {
            cmk = k;
            return this;
        }

        public Builder legacy(KeyFacts k) {
            legacy = k;
            return this;
        }

        public Builder legacy(String state) {
            return legacy(Demo.legacy(state));
        }

        public Builder hsm(String state) {
            hsm = Demo.hsm(state);
            return this;
        }

        /** KMS no longer knows the legacy key (DescribeKey: NotFoundException). */
        public Builder legacyDeleted() {
            legacyDeleted = true;
            return this;
        }

        public Builder withKey(KeyFacts k) {
            keys.add(k);
            return this;
        }

        public Builder withCluster(ClusterFacts c) {
            clusters.add(c);
            return this;
        }

        public Builder withGraph(GraphFacts g) {
            graphs.add(g);
            return this;
        }

        public Builder withGraphSnapshot(GraphSnapshotFacts s) {
            graphSnapshots.add(s);
            return this;
        }

        public Builder withSnapshot(SnapshotFacts s) {
            snapshots.add(s);
            return this;
        }

        /** Removes graph-legacy's snapshot on the CMK: graph-legacy then has no recovery path. */
        public Builder withoutLegacyRecoverySnapshot() {
            snapshots.removeIf(s -> s.identifier().equals("graph-legacy-pre-migration"));
            return this;
        }

        public Builder replaceCluster(ClusterFacts c) {
            clusters.removeIf(x -> x.identifier().equals(c.identifier()));
            clusters.add(c);
            return this;
        }

        public StaticInventory build() {
            List<KeyFacts> all = new ArrayList<>(List.of(cmk, awsRds(), hsm));
            all.add(legacyDeleted
                    ? KeyFacts.refused(LEGACY, "NotFoundException", "Key '" + LEGACY + "' does not exist") : legacy);
            all.addAll(keys);
            return new StaticInventory(ACCOUNT, REGION, clusters, snapshots, all, graphs, graphSnapshots);
        }
    }
}
