package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.policy.EncryptionRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterEncryptionHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String RDS_KEY = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream logStream = new PrintStream(logs, true, StandardCharsets.UTF_8);
    private final Metrics metrics = new Metrics("NeptuneGuard", "test", logStream, CLOCK);
    private final List<List<Finding>> delivered = new ArrayList<>();

    private ClusterEncryptionHandler handler(StaticInventory inventory) {
        FindingReporter reporter = new FindingReporter(new Log("test", logStream, CLOCK), metrics,
                (eventId, findings) -> delivered.add(findings));
        return new ClusterEncryptionHandler(() -> inventory, new EncryptionRules(Policy.defaults()), reporter, CLOCK);
    }

    private static StaticInventory analyticsAccount() {
        ClusterFacts analytics = new ClusterFacts("arn:aws:rds:us-east-1:111122223333:cluster:graph-analytics",
                "graph-analytics", "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2", "111122223333", "us-east-1", "neptune",
                "available", true, RDS_KEY, true, Map.of(), true, FactSource.LIVE);
        KeyFacts rds = new KeyFacts(RDS_KEY, RDS_KEY, "0987dcba-09fe-87dc-65ba-ab0987654321", "111122223333",
                "us-east-1", "AWS", "Enabled", "AWS_KMS", null, false, null, null, KeyRotation.ENABLED,
                List.of("alias/aws/rds"), "Default master key", null);
        return new StaticInventory("111122223333", "us-east-1", List.of(analytics), List.of(), List.of(rds));
    }

    private String invoke(ClusterEncryptionHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fixture(String path) throws IOException {
        return Files.readString(Path.of("..", "events", path));
    }

    private List<JsonNode> logLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(Json.MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void handleRequest_defaultKeyCluster_logsFindingWithEventIdAndDelivers() throws IOException {
        String result = invoke(handler(analyticsAccount()), fixture("rds/create-db-cluster-neptune-default-key.json"));

        JsonNode summary = Json.MAPPER.readTree(result);
        assertThat(summary.get("status").asText()).isEqualTo("evaluated");
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        String eventId = summary.get("eventId").asText();
        assertThat(eventId).isNotBlank();
        assertThat(logLines()).anySatisfy(line -> {
            assertThat(line.get("message").asText()).isEqualTo("finding");
            assertThat(line.get("eventId").asText()).isEqualTo(eventId);
            assertThat(line.get("finding").get("ruleId").asText()).isEqualTo("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
        });
        assertThat(logLines()).anySatisfy(line -> assertThat(line.path("_aws").path("CloudWatchMetrics").isArray()).isTrue());
        assertThat(delivered).singleElement().satisfies(findings -> assertThat(findings)
                .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY)));
    }

    @Test
    void handleRequest_otherEngine_dropsAndCountsWithoutDelivery() throws IOException {
        String result = invoke(handler(analyticsAccount()), fixture("rds/create-db-cluster-aurora-mysql.json"));

        assertThat(Json.MAPPER.readTree(result).get("reason").asText()).isEqualTo("OTHER_ENGINE");
        assertThat(delivered).isEmpty();
        assertThat(logLines()).anySatisfy(line -> {
            assertThat(line.path("EventsDropped").asDouble()).isEqualTo(1.0);
            assertThat(line.path("reason").asText()).isEqualTo("OTHER_ENGINE");
        });
    }

    @Test
    void handleRequest_malformedJson_dropsWithoutThrowing() throws IOException {
        String result = invoke(handler(analyticsAccount()), "{\"source\": \"aws.rds\", ");

        assertThat(Json.MAPPER.readTree(result).get("reason").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void handleRequest_clusterNotVisibleAndNotDescribed_failsSoLambdaRetries() throws IOException {
        ClusterEncryptionHandler handler = handler(analyticsAccount());
        String event = fixture("rds/create-db-cluster-neptune-no-response.json");

        assertThatThrownBy(() -> invoke(handler, event)).isInstanceOf(ResourceNotVisibleException.class)
                .hasMessageContaining("graph-new");
        assertThat(logs.toString(StandardCharsets.UTF_8)).as("metrics are flushed even when failing").isNotEmpty();
    }
}
