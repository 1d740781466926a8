package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SnapStart priming runs every handler's request path without failing and through the in-memory AWS client (the
 * test JVM has no AWS settings: no region, credentials or endpoint, so a real call could not succeed either). The
 * fresh-JVM test {@code SnapStartPrimingIT} shows, with each deployable jar alone and the production settings, that
 * priming sends nothing to the network.
 */
class PrimingTest {

    @ParameterizedTest
    @ValueSource(classes = {ClusterEncryptionHandler.class, KeyRevocationHandler.class, ReminderHandler.class,
            SweepHandler.class, ConfigRuleHandler.class, SlackNotifierHandler.class, SecurityHubExporterHandler.class})
    void prime_everyHandler_runsItsRequestPathInMemoryWithoutFailures(Class<?> handler) {
        Priming.Report report = Priming.prime(handler);

        assertThat(report.failures()).as("failed steps").isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.handler()).isEqualTo(handler.getSimpleName());
        assertThat(report.steps()).hasSizeGreaterThan(1).anyMatch(step -> step.startsWith("handle "))
                .contains("log and count an invocation's start");
        assertThat(report.awsRequests()).as("AWS requests answered in memory").isPositive();
    }

    @Test
    void prime_keyRevocation_describesTheKeyAndListsTheAccount() {
        Priming.Report report = Priming.prime(KeyRevocationHandler.class);

        // Two key events, each: DescribeKey, ListAliases, cluster and snapshot listings at least.
        assertThat(report.awsRequests()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void prime_clusterEncryption_readsTheGraphAndGraphSnapshotOfTheNeptuneAnalyticsEvents() {
        Priming.Report report = Priming.prime(ClusterEncryptionHandler.class);

        assertThat(report.failures()).isEmpty();
        assertThat(report.steps()).contains("handle neptune-graph/create-graph-aws-owned-key.json",
                "handle neptune-graph/create-graph-snapshot.json");
        assertThat(report.operations()).containsKeys("GetGraph", "GetGraphSnapshot", "DescribeKey");
    }

    @ParameterizedTest
    @ValueSource(classes = {KeyRevocationHandler.class, SweepHandler.class})
    void prime_keyRevocationAndSweep_listGraphsAndGraphSnapshotsAndGetTheGraphWithoutStatus(Class<?> handler) {
        Priming.Report report = Priming.prime(handler);

        assertThat(report.failures()).isEmpty();
        // The canned ListGraphs names one graph without a status: the inventory completes it with GetGraph.
        assertThat(report.operations()).containsKeys("ListGraphs", "GetGraph", "ListGraphSnapshots",
                "DescribeDBClusters");
    }

    @Test
    void prime_configRule_neverReadsGraphs() {
        Priming.Report report = Priming.prime(ConfigRuleHandler.class);

        assertThat(report.failures()).isEmpty();
        assertThat(report.operations()).isNotEmpty().doesNotContainKeys("ListGraphs", "GetGraph",
                "ListGraphSnapshots", "GetGraphSnapshot");
    }

    @Test
    void inMemory_clusterEncryption_evaluatesTheSampleEventWithoutAws() throws Exception {
        RequestStreamHandler handler = Priming.inMemory(ClusterEncryptionHandler.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (InputStream event = PrimingTest.class.getResourceAsStream(
                "/events/rds/create-db-cluster-neptune-unencrypted.json")) {
            handler.handleRequest(event, out, null);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"evaluated\"");
    }

    @Test
    void inMemory_slackNotifier_isRefused() {
        assertThatThrownBy(() -> Priming.inMemory(SlackNotifierHandler.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SlackNotifierHandler");
    }

    @Test
    void prime_notAHandler_isRefused() {
        assertThatThrownBy(() -> Priming.prime(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void beforeCheckpoint_logsOneLineWithWhatWasPrimed() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new SecurityHubExporterHandler(null, null, null).beforeCheckpoint(null);
        } finally {
            System.setOut(original);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"message\":\"primed for SnapStart\"",
                "\"handler\":\"SecurityHubExporterHandler\"").doesNotContain("priming incomplete");
    }
}
