package dev.neptuneguard.configrule;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.neptuneguard.configrule.ConfigWireMock.accepted;
import static dev.neptuneguard.configrule.ConfigWireMock.error;
import static dev.neptuneguard.configrule.ConfigWireMock.ok;
import static dev.neptuneguard.configrule.ConfigWireMock.operation;
import static dev.neptuneguard.configrule.ConfigWireMock.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.InvalidResultTokenException;

class AwsConfigApiIT {

    private static final String TOKEN = "eyJlbmNyeXB0ZWREYXRhIjpbXX0=";
    private static final Instant AT = Instant.parse("2026-11-23T00:00:41.662Z");

    private static WireMockServer server;
    private ConfigClient client;
    private AwsConfigApi api;

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
        api = new AwsConfigApi(client);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static List<Evaluation> evaluations(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Evaluation("AWS::RDS::DBCluster", "cluster-" + i,
                i % 2 == 0 ? ComplianceType.COMPLIANT : ComplianceType.NON_COMPLIANT, "annotation " + i, AT)).toList();
    }

    @Test
    void putEvaluations_250Evaluations_sendsBatchesOf100And100And50() {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        int calls = api.putEvaluations(TOKEN, evaluations(250), false);

        List<JsonNode> sent = requests(server, "PutEvaluations");
        assertThat(calls).isEqualTo(3);
        assertThat(sent).extracting(r -> r.get("Evaluations").size()).containsExactly(100, 100, 50);
        assertThat(sent).extracting(r -> r.get("ResultToken").asText()).containsOnly(TOKEN);
        assertThat(sent).extracting(r -> r.path("TestMode").asBoolean(true)).containsOnly(false);
        List<String> ids = new ArrayList<>();
        sent.forEach(r -> r.get("Evaluations").forEach(e -> ids.add(e.get("ComplianceResourceId").asText())));
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().startsWith("cluster-0").endsWith("cluster-249");
    }

    @Test
    void putEvaluations_evaluation_isSentInConfigsJsonShape() {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        api.putEvaluations(TOKEN, evaluations(2), false);

        JsonNode first = requests(server, "PutEvaluations").get(0).get("Evaluations").get(1);
        assertThat(first.get("ComplianceResourceType").asText()).isEqualTo("AWS::RDS::DBCluster");
        assertThat(first.get("ComplianceResourceId").asText()).isEqualTo("cluster-1");
        assertThat(first.get("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(first.get("Annotation").asText()).isEqualTo("annotation 1");
        assertThat(first.get("OrderingTimestamp").isNumber()).isTrue();
        assertThat(first.get("OrderingTimestamp").decimalValue())
                .isEqualByComparingTo(new BigDecimal("1795392041.662"));
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getHeader("Content-Type"))
                .startsWith(ConfigWireMock.JSON_11);
    }

    @Test
    void putEvaluations_testMode_isSent() {
        server.stubFor(operation("PutEvaluations").willReturn(ok(accepted())));

        api.putEvaluations(ConfigInvocation.TEST_MODE_TOKEN, evaluations(1), true);

        JsonNode request = requests(server, "PutEvaluations").get(0);
        assertThat(request.get("TestMode").asBoolean()).isTrue();
        assertThat(request.get("ResultToken").asText()).isEqualTo("TESTMODE");
    }

    @Test
    void putEvaluations_failedEvaluations_throwAfterEveryBatchWasSent() {
        ObjectNode rejected = Json.MAPPER.createObjectNode();
        rejected.putArray("FailedEvaluations").addObject()
                .put("ComplianceResourceType", "AWS::RDS::DBCluster")
                .put("ComplianceResourceId", "cluster-7")
                .put("ComplianceType", "COMPLIANT")
                .put("OrderingTimestamp", AT.getEpochSecond());
        server.stubFor(operation("PutEvaluations").inScenario("partial").whenScenarioStateIs(STARTED)
                .willReturn(ok(rejected)).willSetStateTo("second"));
        server.stubFor(operation("PutEvaluations").inScenario("partial").whenScenarioStateIs("second")
                .willReturn(ok(accepted())));

        assertThatThrownBy(() -> api.putEvaluations(TOKEN, evaluations(150), false))
                .isInstanceOf(EvaluationsRejectedException.class)
                .hasMessageContaining("1 of 150")
                .hasMessageContaining("cluster-7")
                .satisfies(e -> assertThat(((EvaluationsRejectedException) e).failedResourceIds())
                        .containsExactly("cluster-7"));
        assertThat(requests(server, "PutEvaluations")).hasSize(2);
    }

    @Test
    void putEvaluations_invalidResultToken_escapesAsTheServiceError() {
        server.stubFor(operation("PutEvaluations")
                .willReturn(error(400, "InvalidResultTokenException", "The result token is invalid.")));

        assertThatThrownBy(() -> api.putEvaluations(TOKEN, evaluations(1), false))
                .isInstanceOf(InvalidResultTokenException.class)
                .hasMessageContaining("The result token is invalid.");
    }

    @Test
    void putEvaluations_throttledOnce_isRetriedBySdk() {
        server.stubFor(operation("PutEvaluations").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(error(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("calm"));
        server.stubFor(operation("PutEvaluations").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(ok(accepted())));

        int calls = api.putEvaluations(TOKEN, evaluations(3), false);

        assertThat(calls).isEqualTo(1);
        assertThat(requests(server, "PutEvaluations")).hasSize(2);
    }

    @Test
    void putEvaluations_nothingToSend_makesNoCall() {
        assertThat(api.putEvaluations(TOKEN, List.of(), false)).isZero();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void latestConfigurationItem_historyItem_isReadLikeAnEventItem() {
        ObjectNode configuration = Json.MAPPER.createObjectNode()
                .put("dbclusterIdentifier", "graph-legacy")
                .put("dbClusterResourceId", "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA")
                .put("engine", "neptune")
                .put("status", "available")
                .put("storageEncrypted", true)
                .put("kmsKeyId", DemoAccount.LEGACY)
                .put("clusterCreateTime", 1710172965412L);
        ObjectNode item = Json.MAPPER.createObjectNode()
                .put("version", "1.3")
                .put("accountId", DemoAccount.ACCOUNT)
                .put("configurationItemCaptureTime", 1795270803.734)
                .put("configurationItemStatus", "OK")
                .put("configurationStateId", "1795270803734")
                .put("configurationItemMD5Hash", "")
                .put("arn", DemoAccount.clusterArn("graph-legacy"))
                .put("resourceType", "AWS::RDS::DBCluster")
                .put("resourceId", "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA")
                .put("resourceName", "graph-legacy")
                .put("awsRegion", "us-east-1")
                .put("availabilityZone", "Multiple Availability Zones")
                .put("resourceCreationTime", 1710172965.412)
                .put("configuration", configuration.toString());
        item.putObject("tags").put("team", "legacy");
        item.putArray("relatedEvents");
        item.putArray("relationships");
        item.putObject("supplementaryConfiguration");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("configurationItems").add(item);
        server.stubFor(operation("GetResourceConfigHistory").willReturn(ok(body)));

        Optional<JsonNode> found =
                api.latestConfigurationItem("AWS::RDS::DBCluster", "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA");

        JsonNode request = requests(server, "GetResourceConfigHistory").get(0);
        assertThat(request.get("resourceType").asText()).isEqualTo("AWS::RDS::DBCluster");
        assertThat(request.get("resourceId").asText()).isEqualTo("cluster-ADZYMFU2DWHASQRC6BPQ7BASDA");
        assertThat(request.get("limit").asInt()).isEqualTo(1);
        assertThat(found).isPresent();
        ConfigurationItem parsed = ConfigurationItem.from(found.get());
        ClusterFacts facts = parsed.toClusterFacts();
        assertThat(parsed.captureTime()).isEqualTo(Instant.parse("2026-11-21T14:20:03.734Z"));
        assertThat(parsed.status()).isEqualTo("OK");
        assertThat(facts.arn()).isEqualTo(DemoAccount.clusterArn("graph-legacy"));
        assertThat(facts.identifier()).isEqualTo("graph-legacy");
        assertThat(facts.account()).isEqualTo(DemoAccount.ACCOUNT);
        assertThat(facts.kmsKeyId()).isEqualTo(DemoAccount.LEGACY);
        assertThat(facts.isNeptune()).isTrue();
        assertThat(facts.tags()).containsExactly(Map.entry("team", "legacy"));
    }

    @Test
    void latestConfigurationItem_noItems_isEmpty() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("configurationItems");
        server.stubFor(operation("GetResourceConfigHistory").willReturn(ok(body)));

        assertThat(api.latestConfigurationItem("AWS::RDS::DBCluster", "cluster-X")).isEmpty();
    }

    @Test
    void latestConfigurationItem_resourceNotDiscovered_isEmpty() {
        server.stubFor(operation("GetResourceConfigHistory").willReturn(error(400, "ResourceNotDiscoveredException",
                "Resource cluster-X of resourceType:AWS::RDS::DBCluster is unknown or has not been discovered")));

        assertThat(api.latestConfigurationItem("AWS::RDS::DBCluster", "cluster-X")).isEmpty();
    }

    @Test
    void resourceIdsByName_twoPages_followsNextToken() {
        ObjectNode first = Json.MAPPER.createObjectNode().put("nextToken", "page-2");
        first.putArray("resourceIdentifiers")
                .add(identifier("snap-a", "id-a"))
                .add(identifier("snap-b", "id-b"));
        ObjectNode second = Json.MAPPER.createObjectNode();
        second.putArray("resourceIdentifiers").add(identifier("snap-c", "id-c"));
        server.stubFor(operation("ListDiscoveredResources").inScenario("pages").whenScenarioStateIs(STARTED)
                .willReturn(ok(first)).willSetStateTo("second"));
        server.stubFor(operation("ListDiscoveredResources").inScenario("pages").whenScenarioStateIs("second")
                .willReturn(ok(second)));

        Map<String, String> ids = api.resourceIdsByName("AWS::RDS::DBClusterSnapshot");

        assertThat(ids).containsExactlyInAnyOrderEntriesOf(
                Map.of("snap-a", "id-a", "snap-b", "id-b", "snap-c", "id-c"));
        List<JsonNode> sent = requests(server, "ListDiscoveredResources");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).get("resourceType").asText()).isEqualTo("AWS::RDS::DBClusterSnapshot");
        assertThat(sent.get(0).has("nextToken")).isFalse();
        assertThat(sent.get(1).get("nextToken").asText()).isEqualTo("page-2");
    }

    private static ObjectNode identifier(String name, String id) {
        return Json.MAPPER.createObjectNode().put("resourceType", "AWS::RDS::DBClusterSnapshot")
                .put("resourceId", id).put("resourceName", name);
    }
}
