package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher with the real SNS and Security Hub queue sinks and the DynamoDB ledger, all against one local stub
 * that speaks each service's wire protocol (DynamoDB and SQS answered statefully by {@link FakeDynamoDbTable} and
 * {@link FakeSqsQueue}), and the queued messages taken on through the exporter to Security Hub.
 */
class DeliveryIT {

    private final FakeDynamoDbTable table = new FakeDynamoDbTable();
    private final FakeSqsQueue queue = new FakeSqsQueue();
    private final DeliveryContext event = new DeliveryContext("0c1f9a7e-8f9c-4e0a-a1d4-3b2f7c9e5d21",
            "ScheduleKeyDeletion", NOW);
    private final List<Finding> findings = List.of(TestFindings.keyDeletion(3),
            TestFindings.unencryptedCluster("graph-dev"));
    private WireMockServer wm;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(table, queue));
        wm.start();
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..+"))
                .willReturn(aResponse().withTransformers(FakeDynamoDbTable.NAME)));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody(SnsSinkIT.PUBLISH_OK)));
        String tableName = "neptune-guard-deliveries";
        dispatcher = new Dispatcher(List.of(
                new SnsSink(LocalAws.sns(wm), SnsSinkIT.TOPIC, Severity.LOW),
                new SecurityHubQueueSink(LocalAws.sqs(wm), SecurityHubQueueSinkIT.QUEUE,
                        new DynamoDbFirstSightings(LocalAws.dynamoDb(wm), tableName), Severity.INFORMATIONAL)),
                new DynamoDbDeliveryLedger(LocalAws.dynamoDb(wm), tableName, DynamoDbDeliveryLedger.DEFAULT_RETENTION));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void dispatch_queueDown_snsStillDeliversAndInvocationMustRetry() {
        queueAnswers(500);

        DispatchReport report = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(report.sink(SnsSink.NAME).delivered()).isEqualTo(2);
        assertThat(report.sink(SecurityHubQueueSink.NAME).failures())
                .allMatch(f -> f.kind() == FailureKind.RETRYABLE);
        assertThat(report.needsRetry()).isTrue();
        assertThat(table.items.keySet()).filteredOn(pk -> !pk.startsWith("first-seen#"))
                .hasSize(2).allMatch(pk -> pk.endsWith("#sns"));
    }

    @Test
    void dispatch_retriedInvocation_deliversOnlyToTheSinkThatFailed() {
        queueAnswers(500);
        dispatcher.dispatch(findings, event);
        queueAnswers(200);

        DispatchReport retry = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(queue.messages).hasSize(2);
        assertThat(retry.sink(SnsSink.NAME).alreadyDelivered()).isEqualTo(2);
        assertThat(retry.sink(SecurityHubQueueSink.NAME).delivered()).isEqualTo(2);
        assertThat(retry.needsRetry()).isFalse();
    }

    @Test
    void dispatch_duplicateEvent_deliversNothingTwice() {
        queueAnswers(200);

        dispatcher.dispatch(findings, event);
        DispatchReport duplicate = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(queue.messages).hasSize(2);
        assertThat(duplicate.delivered()).isZero();
        assertThat(duplicate.sink(SnsSink.NAME).alreadyDelivered()).isEqualTo(2);
        assertThat(duplicate.sink(SecurityHubQueueSink.NAME).alreadyDelivered()).isEqualTo(2);
    }

    @Test
    void exporter_queuedMessages_importTheSameAsffAsADirectImport() throws Exception {
        queueAnswers(200);
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(SecurityHubExportIT.importResult(Map.of())));
        dispatcher.dispatch(findings, event);
        List<SecurityHubExport.Item> items = queue.messages.stream()
                .map(m -> new SecurityHubExport.Item(m.getKey(), SecurityHubMessage.parse(m.getValue()))).toList();

        SecurityHubExport.Result result = new SecurityHubExport(LocalAws.securityHub(wm)).export(items);

        assertThat(result.retry()).isEmpty();
        JsonNode imported = Json.MAPPER.readTree(wm.findAll(postRequestedFor(urlEqualTo("/findings/import"))).get(0)
                .getBodyAsString()).get("Findings");
        List<JsonNode> direct = new ArrayList<>();
        for (Finding f : findings) {
            direct.add(AsffMapper.toJson(AsffMapper.toAsff(f, NOW, NOW, event.eventId())));
        }
        assertThat(imported).containsExactlyElementsOf(direct);
        assertThat(table.items).containsKeys("first-seen#" + AsffMapper.findingId(findings.get(0)),
                "first-seen#" + AsffMapper.findingId(findings.get(1)));
    }

    private void queueAnswers(int status) {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(FakeSqsQueue.TARGET))
                .willReturn(status == 200 ? aResponse().withTransformers(FakeSqsQueue.NAME)
                        : aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.sqs#InternalError\",\"message\":\"internal\"}")));
    }

    private int publishes() {
        return wm.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))).size();
    }
}
