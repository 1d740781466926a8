package dev.neptuneguard.artifacts;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.neptuneguard.artifacts.LocalCloud.called;
import static dev.neptuneguard.artifacts.LocalCloud.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.sinks.SecurityHubMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily sweep counts Neptune Analytics graphs as deployed: the sweep jar alone, in a fresh JVM with the production
 * wiring, against {@link LocalCloud} with a graph whose customer managed key is pending deletion and that no cluster
 * or snapshot uses. Without the graph listing that key would be nobody's; with it the sweep describes the key, alerts
 * (SNS and the Security Hub queue) with the graph in the blast radius, and its output counts the graph.
 */
class SweepGraphsIT {

    private static final Path EVENTS = Path.of(System.getProperty("events.directory", "../events"));
    /** The sweep function's production settings: delivery table, SNS topic, Security Hub queue, reminders. */
    private static final Map<String, String> ENV = PerformanceBench.Function.SWEEP.env;

    private static LocalCloud cloud;

    @BeforeAll
    static void startStub() {
        cloud = new LocalCloud().stubGraphs();
    }

    @AfterAll
    static void stopStub() {
        cloud.close();
    }

    @Test
    void sweepJar_keyPendingDeletionUsedOnlyByAGraph_alertsWithTheGraphInTheBlastRadius() throws Exception {
        FreshJvm.Run run = FreshJvm.run(Artifact.SWEEP.jar(), "dev.neptuneguard.handler.SweepHandler",
                EVENTS.resolve("misc/sweep-scheduled-event.json"), cloud.endpoint(), ENV);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.linkageError()).isFalse();
        assertThat(run.output().get("status").asText()).isEqualTo("swept");
        assertThat(run.output().get("clusters").asInt()).isEqualTo(1);
        assertThat(run.output().get("graphs").asInt()).as("graphs counted by the sweep").isEqualTo(1);
        assertThat(run.output().get("graphSnapshots").asInt()).isZero();
        assertThat(run.output().get("findings").asInt()).isPositive();
        assertThat(cloud.count(getRequestedFor(urlPathEqualTo("/graphs")))).isEqualTo(1);
        assertThat(cloud.count(getRequestedFor(urlPathEqualTo("/snapshots")))).isEqualTo(1);
        List<LoggedRequest> describes = cloud.server.findAll(called("TrentService.DescribeKey"));
        assertThat(describes).as("the graph's key is described").anySatisfy(r -> assertThat(r.getBodyAsString())
                .contains(LocalCloud.PENDING_KEY_ID));
        assertThat(cloud.server.findAll(queryAction("Publish"))).as("an SNS alert naming the graph")
                .anySatisfy(r -> assertThat(r.getBodyAsString()).contains("g-p9q8r7s6t5"));
        assertThat(cloud.queue.bodies()).anySatisfy(body -> assertThat(SecurityHubMessage.parse(body).finding()
                .affectedResources()).contains(LocalCloud.GRAPH_ARN));
        assertThat(run.logs().lines().filter(l -> l.contains("\"message\":\"sweep done\"")))
                .singleElement().asString().contains("\"graphs\":1", "\"graphSnapshots\":0");
    }
}
