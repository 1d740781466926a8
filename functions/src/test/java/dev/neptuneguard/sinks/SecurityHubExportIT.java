package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SecurityHubExport} against a local stub answering Security Hub's REST-JSON {@code BatchImportFindings}. */
class SecurityHubExportIT {

    private WireMockServer wm;
    private SecurityHubExport export;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        export = new SecurityHubExport(LocalAws.securityHub(wm));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void export_150Messages_importedInBatchesOfAtMost100() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of())));
        List<SecurityHubExport.Item> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            items.add(item("m" + i, TestFindings.unencryptedCluster("graph-" + i), NOW, NOW));
        }

        SecurityHubExport.Result result = export.export(items);

        assertThat(result.retry()).isEmpty();
        assertThat(result.report().delivered()).isEqualTo(150);
        List<JsonNode> bodies = requests();
        assertThat(bodies).extracting(b -> b.get("Findings").size()).containsExactly(100, 50);
        JsonNode first = bodies.get(0).get("Findings").get(0);
        assertThat(first.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
        assertThat(first.get("Id").asText()).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/"
                + TestFindings.clusterArn("graph-0"));
        assertThat(first.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(first.at("/Resources/0/Details/AwsRdsDbCluster/DbClusterIdentifier").asText())
                .isEqualTo("graph-0");
        assertThat(first.at("/ProductFields/neptune-guard~1EventId").asText()).isEqualTo(EVENT_ID);
    }

    @Test
    void export_laterObservation_keepsCreatedAtFromFirstSightingAndMovesUpdatedAt() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of())));

        export.export(List.of(item("m1", TestFindings.keyDeletion(3), NOW.minus(Duration.ofDays(3)),
                NOW.plus(Duration.ofMinutes(5)))));

        JsonNode f = requests().get(0).get("Findings").get(0);
        assertThat(f.get("CreatedAt").asText()).isEqualTo("2026-11-20T10:00:00.000Z");
        assertThat(f.get("UpdatedAt").asText()).isEqualTo("2026-11-23T10:05:00.000Z");
    }

    @Test
    void export_securityHubNotEnabled_droppedWithReasonAndNotRetried() {
        Finding f = TestFindings.keyDeletion(3);
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of(AsffMapper.findingId(f),
                "InvalidAccess"))));

        SecurityHubExport.Result result = export.export(List.of(item("m1", f, NOW, NOW)));

        assertThat(result.retry()).isEmpty();
        assertThat(result.report().failures()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(FailureKind.DROPPED);
            assertThat(x.reason()).isEqualTo("SecurityHubNotEnabled");
            assertThat(x.findingIds()).containsExactly(f.stableId());
        });
    }

    @Test
    void export_oneFindingThrottled_onlyItsMessageRetried() {
        Finding throttled = TestFindings.unencryptedCluster("graph-throttled");
        Finding invalid = TestFindings.unencryptedCluster("graph-invalid");
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of(
                AsffMapper.findingId(throttled), "ThrottlingException", AsffMapper.findingId(invalid),
                "InvalidInputException"))));

        SecurityHubExport.Result result = export.export(List.of(item("m1", throttled, NOW, NOW),
                item("m2", invalid, NOW, NOW), item("m3", TestFindings.unencryptedCluster("graph-ok"), NOW, NOW)));

        assertThat(result.retry()).containsExactly("m1");
        assertThat(result.report().delivered()).isEqualTo(1);
        assertThat(result.report().failures()).extracting(DeliveryFailure::kind)
                .containsExactly(FailureKind.RETRYABLE, FailureKind.DROPPED);
    }

    @Test
    void export_allClear_archivesTheOpenKeyFindings() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of())));

        SecurityHubExport.Result result = export.export(List.of(item("m1", TestFindings.keyCleared(), NOW, NOW)));

        assertThat(result.report().delivered()).isEqualTo(1);
        JsonNode findings = requests().get(0).get("Findings");
        assertThat(findings).hasSize(4);
        findings.forEach(f -> {
            assertThat(f.get("RecordState").asText()).isEqualTo("ARCHIVED");
            assertThat(f.at("/Compliance/Status").asText()).isEqualTo("PASSED");
        });
    }

    @Test
    void export_sameFindingInTwoMessages_newestObservationImportedOnceForBoth() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(Map.of())));
        Finding deletion = TestFindings.keyDeletion(3);

        SecurityHubExport.Result result = export.export(List.of(
                item("later", TestFindings.keyCleared(), NOW, NOW.plus(Duration.ofHours(1))),
                item("earlier", deletion, NOW, NOW)));

        assertThat(result.report().delivered()).isEqualTo(2);
        JsonNode findings = requests().get(0).get("Findings");
        assertThat(findings).as("four ids, the deletion finding once").hasSize(4);
        List<JsonNode> deletionUpdates = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("Id").asText().equals(AsffMapper.findingId(deletion))) {
                deletionUpdates.add(f);
            }
        });
        assertThat(deletionUpdates).singleElement().satisfies(f -> {
            assertThat(f.get("RecordState").asText()).as("the all-clear came later").isEqualTo("ARCHIVED");
            assertThat(f.get("UpdatedAt").asText()).isEqualTo("2026-11-23T11:00:00.000Z");
        });
    }

    @Test
    void export_serviceKeepsFailing_everyMessageRetriedAfterSdkRetries() {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "InternalException")
                .withBody("{\"Code\":\"InternalException\",\"Message\":\"Internal service error\"}")));

        SecurityHubExport.Result result = export.export(List.of(item("m1", TestFindings.keyDeletion(1), NOW, NOW),
                item("m2", TestFindings.unencryptedCluster("graph-dev"), NOW, NOW)));

        assertThat(result.retry()).containsExactly("m1", "m2");
        assertThat(result.report().failures()).allSatisfy(x -> {
            assertThat(x.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(x.reason()).isEqualTo("InternalException");
        });
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))).as("the SDK retried the 500")
                .hasSizeGreaterThan(1);
    }

    /** A message as the queue sink writes it and the exporter reads it back. */
    static SecurityHubExport.Item item(String messageId, Finding f, Instant firstSeen, Instant observedAt) {
        Map<String, Instant> seen = new LinkedHashMap<>();
        SecurityHubFindings.ids(f).forEach(id -> seen.put(id, firstSeen));
        String body = SecurityHubMessage.of(f, new DeliveryContext(EVENT_ID, null, observedAt), seen).toJson();
        return new SecurityHubExport.Item(messageId, SecurityHubMessage.parse(body));
    }

    private List<JsonNode> requests() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            out.add(Json.MAPPER.readTree(r.getBodyAsString()));
        }
        return out;
    }

    /** A BatchImportFindings answer: the given ids fail with the given codes, the rest of the request succeeds. */
    static ResponseDefinitionBuilder importResult(Map<String, String> failedCodes) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("FailedCount", failedCodes.size());
        body.put("SuccessCount", 0);
        ArrayNode list = body.putArray("FailedFindings");
        failedCodes.forEach((id, code) -> list.addObject().put("Id", id).put("ErrorCode", code)
                .put("ErrorMessage", code.equals("InvalidAccess")
                        ? "Account 111122223333 is not subscribed to AWS Security Hub" : "emulated " + code));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
