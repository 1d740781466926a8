package dev.neptuneguard.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SnapStart hook of every handler, run the way Lambda runs it before the snapshot (constructor, then
 * {@code beforeCheckpoint}) in a fresh JVM with only the handler's deployable jar and the production settings
 * pointed at {@link LocalCloud}: priming completes without a failed step and without a missing class, answers its
 * AWS requests in memory, and sends not one request to the network (the stub sees nothing). Then the first real
 * event after priming is handled as usual.
 */
class SnapStartPrimingIT {

    private static final Path EVENTS = Path.of(System.getProperty("events.directory", "../events"));
    private static LocalCloud cloud;

    @BeforeAll
    static void startStub() {
        cloud = new LocalCloud();
    }

    @AfterAll
    static void stopStub() {
        cloud.close();
    }

    @BeforeEach
    void forget() {
        cloud.forget();
    }

    @ParameterizedTest
    @EnumSource(PerformanceBench.Function.class)
    void beforeCheckpoint_freshJvmWithItsJarOnly_primesInMemoryWithoutNetwork(PerformanceBench.Function f)
            throws Exception {
        FreshJvm.Run run = FreshJvm.run(Path.of(System.getProperty("java.home")), List.of(), f.artifact.jar(),
                List.of("--prime", f.className(), EVENTS.resolve(f.event).toString(), "0"), cloud.endpoint(), f.env);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.result().get("primingMs").asDouble()).isPositive();
        assertThat(cloud.server.getAllServeEvents()).as("requests that left the JVM while priming").isEmpty();
        JsonNode line = primingLine(run.logs());
        assertThat(line.get("level").asText()).as(line.toString()).isEqualTo("INFO");
        assertThat(line.get("handler").asText()).isEqualTo(f.simpleName);
        assertThat(line.get("awsRequestsInMemory").asInt()).isPositive();
        List<String> operations = new ArrayList<>();
        line.get("awsOperationsInMemory").fieldNames().forEachRemaining(operations::add);
        assertThat(operations).as("operations answered in memory").containsAll(graphOperations(f));
        if (f.artifact.excluded.contains("software/amazon/awssdk/services/neptunegraph/")) {
            assertThat(operations).as("a jar without Neptune Analytics never reads graphs")
                    .doesNotContain("ListGraphs", "GetGraph", "ListGraphSnapshots", "GetGraphSnapshot");
        }
    }

    /**
     * The Neptune Analytics reads each handler's priming makes from its jar alone: the graph events of the
     * cluster-encryption function re-read their graph and snapshot; the key function and the sweep list graphs and
     * graph snapshots, and complete the canned graph without a status with GetGraph.
     */
    private static List<String> graphOperations(PerformanceBench.Function f) {
        return switch (f) {
            case CLUSTER_ENCRYPTION -> List.of("GetGraph", "GetGraphSnapshot");
            case KEY_REVOCATION, SWEEP -> List.of("ListGraphs", "GetGraph", "ListGraphSnapshots");
            default -> List.of();
        };
    }

    @ParameterizedTest
    @EnumSource(value = PerformanceBench.Function.class, names = {"CLUSTER_ENCRYPTION", "KEY_REVOCATION"})
    void firstEvent_afterPriming_evaluatesAndDeliversAsUsual(PerformanceBench.Function f) throws Exception {
        FreshJvm.Run run = FreshJvm.run(Path.of(System.getProperty("java.home")), List.of(), f.artifact.jar(),
                List.of("--prime", f.className(), EVENTS.resolve(f.event).toString(), "1"), cloud.endpoint(), f.env);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(primingLine(run.logs()).get("level").asText()).isEqualTo("INFO");
        assertThat(cloud.count(LocalCloud.queryAction("DescribeDBClusters"))).isPositive();
        assertThat(cloud.count(LocalCloud.queryAction("Publish"))).as("the alert after priming").isPositive();
        assertThat(cloud.queue.bodies()).isNotEmpty();
    }

    private static JsonNode primingLine(String logs) throws Exception {
        for (String l : logs.lines().toList()) {
            if (l.contains("\"service\":\"priming\"")) {
                return Json.MAPPER.readTree(l);
            }
        }
        throw new AssertionError("no priming log line in:\n" + logs);
    }
}
