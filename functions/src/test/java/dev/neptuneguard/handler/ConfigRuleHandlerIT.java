package dev.neptuneguard.handler;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.neptuneguard.configrule.ConfigWireMock.accepted;
import static dev.neptuneguard.configrule.ConfigWireMock.ok;
import static dev.neptuneguard.configrule.ConfigWireMock.operation;
import static dev.neptuneguard.configrule.ConfigWireMock.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.configrule.AwsConfigApi;
import dev.neptuneguard.configrule.ConfigWireMock;
import dev.neptuneguard.configrule.DemoAccount;
import dev.neptuneguard.configrule.EvaluationsRejectedException;
import dev.neptuneguard.configrule.RuleParametersException;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.config.ConfigClient;

class ConfigRuleHandlerIT {

    private static final String LEGACY_ID = "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA";

    private static WireMockServer server;
    private ConfigClient client;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void connect() {
        server.resetAll();
        client = ConfigWireMock.client(server);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private ConfigRuleHandler handler(Inventory inventory, Map<String, String> env) {
        return handler((account, policy) -> inventory, env);
    }

    private ConfigRuleHandler handler(BiFunction<String, Policy, Inventory> inventories, Map<String, String> env) {
        return new ConfigRuleHandler(new AwsConfigApi(client), inventories, env, DemoAccount.CLOCK,
                new Log(ConfigRuleHandler.SERVICE, new PrintStream(logged, true, StandardCharsets.UTF_8),
                        DemoAccount.CLOCK),
                new Metrics("NeptuneGuard", ConfigRuleHandler.SERVICE,
                        new PrintStream(emf, true, StandardCharsets.UTF_8), DemoAccount.CLOCK));
    }

    private static JsonNode invoke(ConfigRuleHandler handler, String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private List<JsonNode> lines(ByteArrayOutputStream stream) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stream.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(Json.MAPPER.readTree(line));
            }
        }
        return out;
    }

    @Test
    void handleRequest_scheduledRunOver250Clusters_putsBatchesOf100And100And50InTestMode() throws IOException {
        List<ClusterFacts> clusters = IntStream.range(0, 250).mapToObj(i -> DemoAccount.cluster(
                String.format("graph-%03d", i), String.format("cluster-GRAPH%03d", i), "neptune", true,
                DemoAccount.CMK, Map.of())).toList();
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        JsonNode summary = invoke(handler(DemoAccount.inventory(clusters, List.of()), Map.of()),
                DemoAccount.event("scheduled-notification.json"));

        List<JsonNode> sent = requests(server, "PutEvaluations");
        assertThat(sent).extracting(r -> r.get("Evaluations").size()).containsExactly(100, 100, 50);
        assertThat(sent).extracting(r -> r.get("TestMode").asBoolean()).containsOnly(true);
        assertThat(sent).extracting(r -> r.get("ResultToken").asText()).containsOnly("TESTMODE");
        List<String> types = new ArrayList<>();
        sent.forEach(r -> r.get("Evaluations").forEach(e -> types.add(e.get("ComplianceType").asText())));
        assertThat(types).hasSize(250).containsOnly("COMPLIANT");
        assertThat(requests(server, "ListDiscoveredResources")).isEmpty();
        assertThat(summary.get("putEvaluationsCalls").asInt()).isEqualTo(3);
        assertThat(summary.get("COMPLIANT").asInt()).isEqualTo(250);
        assertThat(summary.get("testMode").asBoolean()).isTrue();
        assertThat(lines(emf)).anySatisfy(l -> {
            assertThat(l.path("compliance").asText()).isEqualTo("COMPLIANT");
            assertThat(l.path("ConfigEvaluations").asDouble()).isEqualTo(250.0);
        });
    }

    @Test
    void handleRequest_scheduledRunOnTheDemoAccount_looksUpSnapshotIdsOnceAndPutsOneBatch() throws IOException {
        ObjectNode recorded = Json.MAPPER.createObjectNode();
        recorded.putArray("resourceIdentifiers").addObject()
                .put("resourceType", "AWS::RDS::DBClusterSnapshot")
                .put("resourceId", "recorded-graph-scratch-snap")
                .put("resourceName", "graph-scratch-snap");
        server.stubFor(operation("ListDiscoveredResources").willReturn(ok(recorded)));
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        invoke(handler(DemoAccount.inventory(), Map.of()), DemoAccount.event("scheduled-notification.json"));

        assertThat(requests(server, "ListDiscoveredResources")).singleElement()
                .satisfies(r -> assertThat(r.get("resourceType").asText()).isEqualTo("AWS::RDS::DBClusterSnapshot"));
        JsonNode evaluations = requests(server, "PutEvaluations").get(0).get("Evaluations");
        assertThat(evaluations).hasSize(11);
        List<String> ids = new ArrayList<>();
        evaluations.forEach(e -> ids.add(e.get("ComplianceResourceId").asText()));
        assertThat(ids).contains("recorded-graph-scratch-snap", LEGACY_ID)
                .doesNotContain("cluster-6HJ2K4L7M9N1P3Q5R8S0T2U4V6");
    }

    @Test
    void handleRequest_oversizedNotification_fetchesHistoryThenPutsTheEvaluation() throws IOException {
        ClusterFacts legacy = DemoAccount.clusters().get(5);
        server.stubFor(operation("GetResourceConfigHistory").willReturn(ok(
                ConfigWireMock.historyOf(legacy, Instant.parse("2026-11-21T14:20:03.734Z")))));
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));
        String input = DemoAccount.event("oversized-neptune-cluster.json");

        invoke(handler(DemoAccount.inventory(), Map.of()), input);

        JsonNode history = requests(server, "GetResourceConfigHistory").get(0);
        assertThat(history.get("resourceId").asText()).isEqualTo(LEGACY_ID);
        assertThat(history.get("limit").asInt()).isEqualTo(1);
        JsonNode put = requests(server, "PutEvaluations").get(0);
        assertThat(put.get("ResultToken").asText()).isEqualTo(Json.MAPPER.readTree(input).get("resultToken").asText());
        assertThat(put.path("TestMode").asBoolean(false)).isFalse();
        JsonNode evaluation = put.get("Evaluations").get(0);
        assertThat(evaluation.get("ComplianceResourceType").asText()).isEqualTo("AWS::RDS::DBCluster");
        assertThat(evaluation.get("ComplianceResourceId").asText()).isEqualTo(LEGACY_ID);
        assertThat(evaluation.get("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(evaluation.get("Annotation").asText()).startsWith("NEPTUNE_CLUSTER_KEY_UNUSABLE (CRITICAL), key "
                + DemoAccount.LEGACY);
        assertThat(evaluation.get("OrderingTimestamp").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1795270803.734"));
    }

    @Test
    void handleRequest_changeNotification_putsOneEvaluationForTheItem() throws IOException {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        JsonNode summary = invoke(handler(DemoAccount.inventory(), Map.of()),
                DemoAccount.event("change-neptune-cluster-default-key.json"));

        JsonNode evaluation = requests(server, "PutEvaluations").get(0).get("Evaluations").get(0);
        assertThat(evaluation.get("ComplianceResourceId").asText()).isEqualTo("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2");
        assertThat(evaluation.get("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(evaluation.get("OrderingTimestamp").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1795185082.508"));
        assertThat(summary.get("NON_COMPLIANT").asInt()).isEqualTo(1);
        assertThat(lines(logged)).anySatisfy(l -> {
            assertThat(l.get("level").asText()).isEqualTo("INFO");
            assertThat(l.get("configRule").asText()).isEqualTo("neptune-guard-cluster-encryption");
            assertThat(l.get("messageType").asText()).isEqualTo("ConfigurationItemChangeNotification");
        });
        String token = DemoAccount.eventNode("change-neptune-cluster-default-key.json").get("resultToken").asText();
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(token);
    }

    @Test
    void handleRequest_environmentPolicyOverriddenByRuleParameter_usesTheParameter() throws IOException {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));
        ConfigRuleHandler handler = handler(DemoAccount.inventory(), Map.of("allowedKeyArns", DemoAccount.LEGACY));

        invoke(handler, DemoAccount.event("change-neptune-cluster-configuration-string.json"));
        ObjectNode withParameter =
                (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-configuration-string.json");
        withParameter.put("ruleParameters",
                Json.MAPPER.createObjectNode().put("KmsKeyArns", "alias/neptune-prod").toString());
        invoke(handler, withParameter.toString());

        List<JsonNode> sent = requests(server, "PutEvaluations");
        assertThat(sent.get(0).get("Evaluations").get(0).get("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(sent.get(1).get("Evaluations").get(0).get("ComplianceType").asText()).isEqualTo("COMPLIANT");
    }

    @Test
    void handleRequest_rotationRuleParameter_reachesTheInventoryWithTheAccount() throws IOException {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));
        List<String> accounts = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        ConfigRuleHandler handler = handler((account, policy) -> {
            accounts.add(account);
            policies.add(policy);
            return DemoAccount.inventory();
        }, Map.of());
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.put("ruleParameters", Json.MAPPER.createObjectNode().put("requireKeyRotation", "true").toString());

        invoke(handler, event.toString());

        assertThat(accounts).containsExactly(DemoAccount.ACCOUNT);
        assertThat(policies).singleElement().satisfies(p -> assertThat(p.requireKeyRotation()).isTrue());
    }

    @Test
    void handleRequest_failedEvaluations_failTheInvocation() throws IOException {
        ObjectNode rejected = Json.MAPPER.createObjectNode();
        rejected.putArray("FailedEvaluations").addObject()
                .put("ComplianceResourceType", "AWS::RDS::DBCluster")
                .put("ComplianceResourceId", "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2")
                .put("ComplianceType", "NON_COMPLIANT")
                .put("OrderingTimestamp", 1795185082.508);
        server.stubFor(operation("PutEvaluations").willReturn(ok(rejected)));
        ConfigRuleHandler handler = handler(DemoAccount.inventory(), Map.of());
        String input = DemoAccount.event("change-neptune-cluster-default-key.json");

        assertThatThrownBy(() -> invoke(handler, input)).isInstanceOf(EvaluationsRejectedException.class)
                .hasMessageContaining("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2");
        assertThat(lines(emf)).anySatisfy(l -> {
            assertThat(l.path("reason").asText()).isEqualTo("EvaluationsRejectedException");
            assertThat(l.path("ConfigRuleFailures").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void handleRequest_inputThatIsNotAConfigInvocation_isDroppedAndCountedWithoutCalls() throws IOException {
        String sweep = Files.readString(Path.of("..", "events", "misc", "sweep-scheduled-event.json"));

        JsonNode summary = invoke(handler(DemoAccount.inventory(), Map.of()), sweep);

        assertThat(summary.get("dropped").asText()).contains("invokingEvent");
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(lines(logged)).anySatisfy(l -> assertThat(l.get("level").asText()).isEqualTo("WARN"));
        assertThat(lines(emf)).anySatisfy(l -> {
            assertThat(l.path("reason").asText()).isEqualTo("INVALID_INVOCATION");
            assertThat(l.path("EventsDropped").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void handleRequest_invalidRuleParameter_failsNamingItWithoutPutting() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.put("ruleParameters", Json.MAPPER.createObjectNode().put("requireKeyRotation", "sometimes").toString());
        ConfigRuleHandler handler = handler(DemoAccount.inventory(), Map.of());

        assertThatThrownBy(() -> invoke(handler, event.toString())).isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("requireKeyRotation");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"allowedKeyArn\": \"alias/neptune-prod\"}", "{\"kmsKeyArn\": \"alias/neptune-prod\"}",
            "{\"KmsKeyArns\": \"[{\\\"arn\\\": \\\"arn:aws:kms:us-east-1:111122223333:key/x\\\"}]\"}",
            "{\"KmsKeyArns\": [{\"arn\": \"arn:aws:kms:us-east-1:111122223333:key/x\"}]}",
            "{\"allowedKeyArns\": \"arn:aws:kms:us-east-1:111122223333:key/*\"}"})
    void handleRequest_misspeltOrMistypedRuleParameter_failsWithoutPutting(String parameters) {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.put("ruleParameters", parameters);
        ConfigRuleHandler handler = handler(DemoAccount.inventory(), Map.of());

        assertThatThrownBy(() -> invoke(handler, event.toString())).isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("KeyArn");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void constructor_invalidEnvironmentDefault_failsAtStart() {
        assertThatThrownBy(() -> handler(DemoAccount.inventory(), Map.of("requiredKeyOrigins", "PLUTONIUM")))
                .isInstanceOf(RuleParametersException.class).hasMessageContaining("requiredKeyOrigins");
    }
}
