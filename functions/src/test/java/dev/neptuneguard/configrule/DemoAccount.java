package dev.neptuneguard.configrule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The demo account of {@code events/README.md} (and of the CLI's bundled demo-account.json) as in-memory
 * facts: the keys the Config fixtures name, the Neptune clusters and snapshots a scheduled run finds.
 */
public final class DemoAccount {

    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String CMK = key("1234abcd-12ab-34cd-56ef-1234567890ab");
    public static final String AWS_RDS = key("0987dcba-09fe-87dc-65ba-ab0987654321");
    public static final String HSM = key("7777aaaa-77aa-77aa-77aa-777777777777");
    public static final String LEGACY = key("5555eeee-55ee-55ee-55ee-555555555555");
    /** The fixtures were captured on this day; exemption dates are judged on it. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    public static final Path CONFIG_EVENTS = Path.of("..", "events", "config");

    private DemoAccount() {
    }

    public static List<KeyFacts> keys() {
        return List.of(
                keyFacts(CMK, "CUSTOMER", "Enabled", "AWS_KMS", null, null, KeyRotation.ENABLED, "alias/neptune-prod"),
                keyFacts(AWS_RDS, "AWS", "Enabled", "AWS_KMS", null, null, KeyRotation.ENABLED, "alias/aws/rds"),
                keyFacts(HSM, "CUSTOMER", "Enabled", "AWS_CLOUDHSM", "cks-1234567890abcdef0", null,
                        KeyRotation.NOT_SUPPORTED, "alias/neptune-hsm"),
                keyFacts(LEGACY, "CUSTOMER", "PendingDeletion", "EXTERNAL", null, Instant.parse("2026-11-30T17:10:02Z"),
                        KeyRotation.NOT_SUPPORTED, "alias/neptune-legacy"));
    }

    public static List<ClusterFacts> clusters() {
        return List.of(
                cluster("graph-prod", "cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V", "neptune", true, CMK,
                        Map.of("team", "graph", "env", "prod")),
                cluster("graph-analytics", "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2", "neptune", true, AWS_RDS,
                        Map.of("team", "analytics")),
                cluster("graph-scratch", "cluster-2XCU656YRZXA5CTGNKEJVSV3IB", "neptune", false, null,
                        Map.of("team", "graph", "env", "dev")),
                cluster("graph-sandbox", "cluster-QW3ERTY7UIOP4ASDFGHJKL2ZXC", "neptune", false, null,
                        Map.of("neptune-guard:exempt",
                                "disposable load-test data, deleted after the benchmark; until=2027-03-31")),
                cluster("graph-hsm", "cluster-67L7FRCQG527DVR65XVCRX4WR2", "neptune", true, HSM,
                        Map.of("team", "payments", "data-class", "restricted")),
                cluster("graph-legacy", "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA", "neptune", true, LEGACY,
                        Map.of("team", "legacy")),
                cluster("orders-db", "cluster-6HJ2K4L7M9N1P3Q5R8S0T2U4V6", "aurora-postgresql", true, CMK, Map.of()));
    }

    public static List<SnapshotFacts> snapshots() {
        return List.of(
                snapshot("rds:graph-prod-2026-11-23-03-10", "graph-prod", "automated", true, CMK),
                snapshot("graph-analytics-manual-2026-11-20", "graph-analytics", "manual", true, AWS_RDS),
                snapshot("graph-scratch-snap", "graph-scratch", "manual", false, null),
                snapshot("rds:graph-legacy-2026-11-23-03-10", "graph-legacy", "automated", true, LEGACY),
                snapshot("graph-legacy-pre-migration", "graph-legacy", "manual", true, CMK));
    }

    public static StaticInventory inventory() {
        return new StaticInventory(ACCOUNT, REGION, clusters(), snapshots(), keys());
    }

    public static StaticInventory inventory(List<ClusterFacts> clusters, List<SnapshotFacts> snapshots) {
        return new StaticInventory(ACCOUNT, REGION, clusters, snapshots, keys());
    }

    public static ClusterFacts cluster(String name, String resourceId, String engine, boolean encrypted, String key,
                                       Map<String, String> tags) {
        return new ClusterFacts(clusterArn(name), name, resourceId, ACCOUNT, REGION, engine, "available", encrypted,
                key, false, tags, true, FactSource.LIVE);
    }

    public static SnapshotFacts snapshot(String name, String cluster, String type, boolean encrypted, String key) {
        return new SnapshotFacts("arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster-snapshot:" + name, name, cluster,
                ACCOUNT, REGION, "neptune", "available", type, encrypted, key, Instant.parse("2026-11-23T03:10:00Z"),
                Map.of(), true, FactSource.LIVE);
    }

    public static String clusterArn(String name) {
        return "arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster:" + name;
    }

    /** A fixture from {@code events/config}. */
    public static String event(String file) {
        try {
            return Files.readString(CONFIG_EVENTS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode eventNode(String file) {
        try {
            return Json.MAPPER.readTree(event(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String id) {
        return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + id;
    }

    private static KeyFacts keyFacts(String arn, String manager, String state, String origin, String store,
                                     Instant deletion, KeyRotation rotation, String alias) {
        return new KeyFacts(arn, arn, arn.substring(arn.indexOf(":key/") + 5), ACCOUNT, REGION, manager, state, origin,
                store, false, deletion, null, rotation, List.of(alias), null, null);
    }
}
