package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.artifacts.HandlerLauncher.LauncherContext;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.Demo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log lines and metrics carry what Powertools' would: the Lambda context under Powertools' field names, the
 * CloudTrail eventID as {@code correlation_id}, {@code cold_start} and one {@code ColdStart} metric per process, and
 * they follow the {@code POWERTOOLS_*} settings.
 */
class InvocationLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T17:10:30Z"), ZoneOffset.UTC);
    private static final String EVENT = "rds/create-db-cluster-neptune-default-key.json";

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
    private final ClusterEncryptionHandler handler = new ClusterEncryptionHandler(() -> Demo.account().build(),
            new EncryptionRules(Policy.defaults()), new FindingReporter(new Log("cluster-encryption", out, CLOCK),
            new Metrics("NeptuneGuard", "cluster-encryption", out, CLOCK), (id, findings) -> { }), CLOCK);

    @Test
    void firstInvocation_linesCarryTheContextAndCorrelationId_andOneColdStartMetric() throws IOException {
        String eventId = Json.MAPPER.readTree(Demo.event(EVENT)).at("/detail/eventID").asText();

        invoke(new LauncherContext("neptune-guard-cluster", "req-1"));

        JsonNode evaluated = line("event evaluated");
        assertThat(evaluated.get("correlation_id").asText()).isEqualTo(eventId);
        assertThat(evaluated.get("eventId").asText()).isEqualTo(eventId);
        assertThat(evaluated.get("service").asText()).isEqualTo("cluster-encryption");
        assertThat(evaluated.get("function_name").asText()).isEqualTo("neptune-guard-cluster");
        assertThat(evaluated.get("function_request_id").asText()).isEqualTo("req-1");
        assertThat(evaluated.get("function_arn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-cluster");
        assertThat(evaluated.get("function_version").asText()).isEqualTo("$LATEST");
        assertThat(evaluated.get("function_memory_size").asInt()).isEqualTo(1024);
        assertThat(evaluated.get("cold_start").asBoolean()).isTrue();
        JsonNode coldStart = metric("ColdStart").get(0);
        assertThat(coldStart.get("ColdStart").asDouble()).isEqualTo(1.0);
        assertThat(coldStart.get("function_name").asText()).isEqualTo("neptune-guard-cluster");
        assertThat(coldStart.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                .isEqualTo("[\"service\",\"function_name\"]");
        assertThat(coldStart.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("NeptuneGuard");
    }

    @Test
    void laterInvocations_notColdAndNoSecondColdStartMetric() throws IOException {
        invoke(new LauncherContext("neptune-guard-cluster", "req-1"));
        logs.reset();

        invoke(new LauncherContext("neptune-guard-cluster", "req-2"));

        assertThat(line("event evaluated").get("cold_start").asBoolean()).isFalse();
        assertThat(line("event evaluated").get("function_request_id").asText()).isEqualTo("req-2");
        assertThat(metric("ColdStart")).isEmpty();
    }

    @Test
    void primingInvocation_withoutContext_leavesTheColdStartToTheFirstRealOne() throws IOException {
        invoke(null);
        assertThat(line("event evaluated").has("function_name")).isFalse();
        assertThat(line("event evaluated").has("cold_start")).isFalse();
        assertThat(metric("ColdStart")).isEmpty();
        logs.reset();

        invoke(new LauncherContext("neptune-guard-cluster", "req-1"));

        assertThat(line("event evaluated").get("cold_start").asBoolean()).isTrue();
        assertThat(metric("ColdStart")).hasSize(1);
    }

    @Test
    void logLevel_followsPowertoolsLogLevel() {
        assertThat(Log.level(null)).isEqualTo(Log.Level.INFO);
        assertThat(Log.level("debug")).isEqualTo(Log.Level.DEBUG);
        assertThat(Log.level(" WARN ")).isEqualTo(Log.Level.WARN);
        assertThat(Log.level("verbose")).isEqualTo(Log.Level.INFO);

        Log warnOnly = new Log("test", out, CLOCK, Log.Level.WARN);
        warnOnly.info("not written", Map.of());
        warnOnly.info("not written either", "finding", Json.MAPPER.createObjectNode());
        warnOnly.warn("written", Map.of());
        warnOnly.error("written too", Map.of());

        assertThat(lines()).extracting(n -> n.get("message").asText()).containsExactly("written", "written too");
    }

    @Test
    void serviceAndNamespace_fromThePowertoolsSettings() {
        assertThat(Log.serviceName(Map.of(), "reminder")).isEqualTo("reminder");
        assertThat(Log.serviceName(Map.of("POWERTOOLS_SERVICE_NAME", "key-revocation"), "reminder"))
                .isEqualTo("key-revocation");
        assertThat(Metrics.namespace(Map.of())).isEqualTo("NeptuneGuard");
        assertThat(Metrics.namespace(Map.of("METRICS_NAMESPACE", "Old"))).isEqualTo("Old");
        assertThat(Metrics.namespace(Map.of("METRICS_NAMESPACE", "Old", "POWERTOOLS_METRICS_NAMESPACE", "New")))
                .isEqualTo("New");
    }

    private void invoke(Context context) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(Demo.event(EVENT).getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), context);
    }

    private List<JsonNode> lines() {
        try {
            return JsonLines.of(logs);
        } catch (IOException e) {
            throw new AssertionError("not JSON lines: " + logs, e);
        }
    }

    private JsonNode line(String message) {
        return lines().stream().filter(n -> message.equals(n.path("message").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + message + " in " + logs));
    }

    private List<JsonNode> metric(String name) {
        return lines().stream().filter(n -> n.has("_aws") && n.has(name)).toList();
    }
}
