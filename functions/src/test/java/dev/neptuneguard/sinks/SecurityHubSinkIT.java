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
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityHubSinkIT {

    private WireMockServer wm;
    private SecurityHubSink sink;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        sink = new SecurityHubSink(LocalAws.securityHub(wm), new InMemoryFirstSightings(), Severity.INFORMATIONAL);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void deliver_150Findings_importedInBatchesOfAtMost100() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(List.of())));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            findings.add(TestFindings.unencryptedCluster("graph-" + i));
        }

        SinkResult result = sink.deliver(findings, new DeliveryContext(EVENT_ID, "Sweep", NOW));

        assertThat(result.delivered()).hasSize(150);
        List<JsonNode> bodies = requests();
        assertThat(bodies).extracting(b -> b.get("Findings").size()).containsExactly(100, 50);
        JsonNode first = bodies.get(0).get("Findings").get(0);
        assertThat(first.get("SchemaVersion").asText()).isEqualTo("2018-10-08");
        assertThat(first.get("Id").asText()).isEqualTo("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/"
                + TestFindings.clusterArn("graph-0"));
        assertThat(first.get("GeneratorId").asText()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(first.at("/Resources/0/Details/AwsRdsDbCluster/DbClusterIdentifier").asText())
                .isEqualTo("graph-0");
        assertThat(first.get("CreatedAt").asText()).isEqualTo(first.get("UpdatedAt").asText());
    }

    @Test
    void deliver_securityHubNotEnabled_droppedWithReason() {
        Finding f = TestFindings.keyDeletion(3);
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(List.of(AsffMapper.findingId(f)))));

        SinkResult result = sink.deliver(List.of(f), new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(FailureKind.DROPPED);
            assertThat(x.reason()).isEqualTo("SecurityHubNotEnabled");
            assertThat(x.findingIds()).containsExactly(f.stableId());
        });
    }

    @Test
    void deliver_secondImport_keepsCreatedAtAndMovesUpdatedAt() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(List.of())));
        Finding f = TestFindings.keyDeletion(3);

        sink.deliver(List.of(f), new DeliveryContext(EVENT_ID, "ScheduleKeyDeletion", NOW));
        sink.deliver(List.of(f), new DeliveryContext("reminder", "Reminder", NOW.plus(Duration.ofDays(3))));

        List<JsonNode> bodies = requests();
        JsonNode later = bodies.get(1).get("Findings").get(0);
        assertThat(later.get("CreatedAt").asText()).isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(later.get("UpdatedAt").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
    }

    @Test
    void deliver_allClear_archivesOnlyTheKeyFindingsRaisedBefore() throws Exception {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(importResult(List.of())));
        sink.deliver(List.of(TestFindings.keyDeletion(3)), new DeliveryContext(EVENT_ID, null, NOW));

        SinkResult result = sink.deliver(List.of(TestFindings.keyCleared()), new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).containsExactly(TestFindings.keyCleared());
        JsonNode findings = requests().get(1).get("Findings");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.get("GeneratorId").asText()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
            assertThat(f.get("RecordState").asText()).isEqualTo("ARCHIVED");
            assertThat(f.at("/Compliance/Status").asText()).isEqualTo("PASSED");
        });
    }

    @Test
    void deliver_allClearForAKeyNeverRaised_importsNothing() {
        SinkResult result = sink.deliver(List.of(TestFindings.keyCleared()), new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.delivered()).containsExactly(TestFindings.keyCleared());
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))).isEmpty();
    }

    @Test
    void deliver_serviceKeepsFailing_retryableFailure() {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "InternalException")
                .withBody("{\"Code\":\"InternalException\",\"Message\":\"Internal service error\"}")));

        SinkResult result = sink.deliver(List.of(TestFindings.keyDeletion(1)),
                new DeliveryContext(EVENT_ID, null, NOW));

        assertThat(result.failures()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(x.reason()).isEqualTo("InternalException");
        });
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))).as("the SDK retried the 500")
                .hasSizeGreaterThan(1);
    }

    private List<JsonNode> requests() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : wm.findAll(postRequestedFor(urlEqualTo("/findings/import")))) {
            out.add(Json.MAPPER.readTree(r.getBodyAsString()));
        }
        return out;
    }

    /** A BatchImportFindings answer; the given ids fail with InvalidAccess, the rest of the request succeeds. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder importResult(List<String> failed) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("FailedCount", failed.size());
        body.put("SuccessCount", 0);
        ArrayNode list = body.putArray("FailedFindings");
        failed.forEach(id -> list.addObject().put("Id", id).put("ErrorCode", "InvalidAccess")
                .put("ErrorMessage", "Account 111122223333 is not subscribed to AWS Security Hub"));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }
}
