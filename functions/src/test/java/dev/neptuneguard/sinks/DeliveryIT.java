package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher with the real SNS and Security Hub sinks and the DynamoDB ledger, all against one local stub
 * that speaks each service's wire protocol (DynamoDB answered statefully by {@link FakeDynamoDbTable}).
 */
class DeliveryIT {

    private final FakeDynamoDbTable table = new FakeDynamoDbTable();
    private final DeliveryContext event = new DeliveryContext("0c1f9a7e-8f9c-4e0a-a1d4-3b2f7c9e5d21",
            "ScheduleKeyDeletion", NOW);
    private final List<Finding> findings = List.of(TestFindings.keyDeletion(3),
            TestFindings.unencryptedCluster("graph-dev"));
    private WireMockServer wm;
    private Dispatcher dispatcher;

    @BeforeEach
    void start() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(table));
        wm.start();
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", matching("DynamoDB_20120810\\..+"))
                .willReturn(aResponse().withTransformers(FakeDynamoDbTable.NAME)));
        wm.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody(SnsSinkIT.PUBLISH_OK)));
        String tableName = "neptune-guard-deliveries";
        dispatcher = new Dispatcher(List.of(
                new SnsSink(LocalAws.sns(wm), SnsSinkIT.TOPIC, Severity.LOW),
                new SecurityHubSink(LocalAws.securityHub(wm),
                        new DynamoDbFirstSightings(LocalAws.dynamoDb(wm), tableName), Severity.INFORMATIONAL)),
                new DynamoDbDeliveryLedger(LocalAws.dynamoDb(wm), tableName, DynamoDbDeliveryLedger.DEFAULT_RETENTION));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void dispatch_securityHubDown_snsStillDeliversAndInvocationMustRetry() {
        securityHub(500, "{\"Code\":\"InternalException\",\"Message\":\"Internal service error\"}");

        DispatchReport report = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(report.sink(SnsSink.NAME).delivered()).isEqualTo(2);
        assertThat(report.sink(SecurityHubSink.NAME).failures()).allMatch(f -> f.kind() == FailureKind.RETRYABLE);
        assertThat(report.needsRetry()).isTrue();
        assertThat(table.items.keySet()).filteredOn(pk -> !pk.startsWith("first-seen#"))
                .hasSize(2).allMatch(pk -> pk.endsWith("#sns"));
    }

    @Test
    void dispatch_retriedInvocation_deliversOnlyToTheSinkThatFailed() {
        securityHub(500, "{\"Code\":\"InternalException\",\"Message\":\"Internal service error\"}");
        dispatcher.dispatch(findings, event);
        int importsWhileDown = imports();
        securityHub(200, "{\"FailedCount\":0,\"SuccessCount\":2,\"FailedFindings\":[]}");

        DispatchReport retry = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(imports() - importsWhileDown).isEqualTo(1);
        assertThat(retry.sink(SnsSink.NAME).alreadyDelivered()).isEqualTo(2);
        assertThat(retry.sink(SecurityHubSink.NAME).delivered()).isEqualTo(2);
        assertThat(retry.needsRetry()).isFalse();
    }

    @Test
    void dispatch_duplicateEvent_deliversNothingTwice() {
        securityHub(200, "{\"FailedCount\":0,\"SuccessCount\":2,\"FailedFindings\":[]}");

        dispatcher.dispatch(findings, event);
        DispatchReport duplicate = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(imports()).isEqualTo(1);
        assertThat(duplicate.delivered()).isZero();
        assertThat(duplicate.sink(SnsSink.NAME).alreadyDelivered()).isEqualTo(2);
        assertThat(duplicate.sink(SecurityHubSink.NAME).alreadyDelivered()).isEqualTo(2);
    }

    @Test
    void dispatch_securityHubNotEnabled_loggedAsDroppedWithoutRetry() {
        ObjectNode response = Json.MAPPER.createObjectNode().put("FailedCount", 2).put("SuccessCount", 0);
        ArrayNode failed = response.putArray("FailedFindings");
        findings.forEach(f -> failed.addObject().put("Id", AsffMapper.findingId(f)).put("ErrorCode", "InvalidAccess")
                .put("ErrorMessage", "Account 111122223333 is not subscribed to AWS Security Hub"));
        securityHub(200, response.toString());

        DispatchReport report = dispatcher.dispatch(findings, event);

        assertThat(publishes()).isEqualTo(2);
        assertThat(report.needsRetry()).isFalse();
        assertThat(report.sink(SecurityHubSink.NAME).failures()).hasSize(2)
                .allMatch(f -> f.reason().equals("SecurityHubNotEnabled") && f.kind() == FailureKind.DROPPED);
    }

    private void securityHub(int status, String body) {
        wm.stubFor(post(urlEqualTo("/findings/import")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private int publishes() {
        return wm.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))).size();
    }

    private int imports() {
        return wm.findAll(postRequestedFor(urlEqualTo("/findings/import"))).size();
    }
}
