package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI over exports that lack facts the AWS CLI normally prints: no {@code Status}, no {@code Engine}. Each is
 * unknown, evaluated fail-safe and reported, never a crash (exit 4) and never a silent skip.
 */
class MissingFactsScanTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NeptuneGuardCli.run(LiveScanIT.CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void scan_clustersWithoutStatusAndUnusableKey_reportsKeyRiskExitsOne() {
        String file = DemoBundle.load().editClusters(c -> c.remove("Status")).write(dir.resolve("x.json")).toString();

        int code = run("scan", "--offline", file);

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("CRITICAL      KMS_KEY_DELETION_SCHEDULED_IN_USE")
                .contains("- graph-legacy (status unknown, deletion protection");
    }

    @Test
    void replay_keyEventClustersWithoutStatus_reportsKeyRiskExitsOne() {
        String file = DemoBundle.load().editClusters(c -> c.remove("Status")).write(dir.resolve("x.json")).toString();

        int code = run("replay", Path.of("..", "events", "kms", "disable-key-legacy.json").toString(),
                "--offline", file);

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString()).contains("KMS_KEY_DELETION_SCHEDULED_IN_USE").contains("status unknown");
    }

    @Test
    void scan_clustersAndSnapshotsWithoutEngine_evaluatedAsNeptuneAndCounted() {
        String file = DemoBundle.load().keepClusters(id -> !id.equals("orders-db"))
                .editClusters(c -> c.remove("Engine")).editSnapshots(s -> s.remove("Engine"))
                .write(dir.resolve("x.json")).toString();

        int code = run("scan", "--offline", file);

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(out.toString())
                .contains("7 Neptune clusters, 5 snapshots")
                .contains("skipped 0 clusters and 0 snapshots of other engines; 12 without an Engine, evaluated as "
                        + "Neptune;")
                .contains("HIGH          NEPTUNE_CLUSTER_UNENCRYPTED              graph-scratch");
    }
}
