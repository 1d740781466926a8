package dev.neptuneguard.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.LocalAws;
import dev.neptuneguard.sinks.SecurityHubExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter handler on the SQS event fixtures ({@code events/sqs/}) against a local stub answering Security
 * Hub's REST-JSON {@code BatchImportFindings}: partial batch responses, poison messages, Security Hub off.
 */
class SecurityHubExporterHandlerIT {

    static final Path BATCH = Path.of("..", "events", "sqs", "securityhub-export-batch.json");
    static final Path POISON = Path.of("..", "events", "sqs", "securityhub-export-poison.json");
    static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String CLUSTER_ID = "neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/"
            + "arn:aws:rds:us-east-1:111122223333:cluster:graph-scratch";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:30:05Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private WireMockServer wm;
    private Metrics metrics;
    private SecurityHubExporterHandler handler;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        metrics = new Metrics(SecurityHubExporterHandler.NAMESPACE, SecurityHubExporterHandler.SERVICE, out, clock);
        handler = new SecurityHubExporterHandler(new SecurityHubExport(LocalAws.securityHub(wm)),
                new Log(SecurityHubExporterHandler.SERVICE, out, clock), metrics);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void handleRequest_batchFixture_importsEveryFindingOnceAndFailsNothing() throws Exception {
        imports(Map.of());

        JsonNode response = invoke(Files.readString(BATCH));

        assertThat(response.get("batchItemFailures")).isEmpty();
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(1);
        JsonNode findings = requests.get(0).get("Findings");
        assertThat(findings).as("the all-clear's four updates (one replacing the earlier deletion finding) and the "
                + "cluster").hasSize(5);
        JsonNode deletion = byId(findings, "neptune-guard/KMS_KEY_DELETION_SCHEDULED_IN_USE/" + KEY_ARN);
        assertThat(deletion.get("RecordState").asText()).as("the later all-clear wins").isEqualTo("ARCHIVED");
        assertThat(deletion.get("CreatedAt").asText()).as("first seen when the deletion was scheduled")
                .isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(deletion.get("UpdatedAt").asText()).isEqualTo("2026-11-24T09:30:00.000Z");
        JsonNode cluster = byId(findings, CLUSTER_ID);
        assertThat(cluster.get("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(cluster.at("/Severity/Label").asText()).isEqualTo("HIGH");
        assertThat(cluster.at("/ProductFields/neptune-guard~1EventId").asText())
                .isEqualTo("037b1bf3-b938-4ca4-accd-5f7112fcce59");
        assertThat(metric("AlertsDelivered", "sink", SecurityHubExport.NAME)).isEqualTo(3);
    }

    @Test
    void handleRequest_oneFindingThrottled_onlyItsMessageReported() throws Exception {
        imports(Map.of(CLUSTER_ID, "ThrottlingException"));

        JsonNode response = invoke(Files.readString(BATCH));

        assertThat(response.get("batchItemFailures")).singleElement().satisfies(f ->
                assertThat(f.get("itemIdentifier").asText()).isEqualTo("5b1e6a0c-3d2f-4c8e-9f1a-7e2d4b6c8a03"));
        assertThat(metric("DeliveryFailures", "sink", SecurityHubExport.NAME)).isEqualTo(1);
    }

    @Test
    void handleRequest_poisonMessages_droppedAndCountedTheGoodOneImported() throws Exception {
        imports(Map.of());

        JsonNode response = invoke(Files.readString(POISON));

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(metric("SecurityHubMessagesDropped", "reason", "NotAFinding")).isEqualTo(2);
        assertThat(requests()).singleElement().satisfies(r -> assertThat(r.get("Findings")).hasSize(1));
        assertThat(logs.toString(StandardCharsets.UTF_8))
                .contains("9c0d2e4f-6a8b-4c1d-8e3f-5a7b9c1d3e01", "unsupported message version")
                .contains("9c0d2e4f-6a8b-4c1d-8e3f-5a7b9c1d3e02", "message body is not JSON");
    }

    @Test
    void handleRequest_securityHubNotEnabled_warningAndMetricNoFailure() throws Exception {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String rule : List.of("KMS_KEY_DISABLED_IN_USE", "KMS_KEY_DELETION_SCHEDULED_IN_USE",
                "KMS_KEY_MATERIAL_DELETED_IN_USE", "KMS_KEY_STORE_DISCONNECTED_IN_USE")) {
            codes.put("neptune-guard/" + rule + "/" + KEY_ARN, "InvalidAccess");
        }
        codes.put(CLUSTER_ID, "InvalidAccess");
        imports(codes);

        JsonNode response = invoke(Files.readString(BATCH));

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(metric("SecurityHubNotEnabled", null, null)).isEqualTo(3);
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"level\":\"WARN\"",
                "Security Hub is not enabled in this account and region");
    }

    @Test
    void handleRequest_notAnSqsEvent_droppedWithEmptyResponse() throws Exception {
        ObjectNode other = Json.MAPPER.createObjectNode().put("source", "aws.events");

        JsonNode response = invoke(other.toString());

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(metric("SecurityHubMessagesDropped", "reason", "NotAnSqsEvent")).isEqualTo(1);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))).isEmpty();
    }

    private JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private void imports(Map<String, String> failedCodes) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("FailedCount", failedCodes.size());
        body.put("SuccessCount", 0);
        ArrayNode list = body.putArray("FailedFindings");
        failedCodes.forEach((id, code) -> list.addObject().put("Id", id).put("ErrorCode", code)
                .put("ErrorMessage", "emulated " + code));
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.toString())));
    }

    private List<JsonNode> requests() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            out.add(Json.MAPPER.readTree(r.getBodyAsString()));
        }
        return out;
    }

    /** The sum of an EMF metric the handler flushed into the log, for one dimension value (or none). */
    private double metric(String name, String dimension, String value) throws Exception {
        double sum = 0;
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = Json.MAPPER.readTree(line);
            boolean dimensionMatches = dimension == null ? n.at("/_aws/CloudWatchMetrics/0/Dimensions/0").size() == 1
                    : value.equals(n.path(dimension).asText());
            if (n.has("_aws") && n.has(name) && dimensionMatches) {
                sum += n.get(name).asDouble();
            }
        }
        return sum;
    }

    private static JsonNode byId(JsonNode findings, String id) {
        for (JsonNode f : findings) {
            if (f.get("Id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + id + " in " + findings);
    }
}
