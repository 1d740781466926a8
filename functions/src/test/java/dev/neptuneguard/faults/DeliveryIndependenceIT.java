package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.DeliveryFailedException;
import dev.neptuneguard.sinks.FakeDynamoDbTable;
import dev.neptuneguard.sinks.LocalAws;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One sink failing never stops another, end to end through the cluster handler: SNS down while Security Hub
 * imports (and the retry then publishes once and imports nothing twice); Security Hub down while SNS publishes and
 * the published message reaches Slack through the notifier; the whole DynamoDB table down while both deliver.
 */
class DeliveryIndependenceIT {

    private static final FakeDynamoDbTable TABLE = new FakeDynamoDbTable();
    private static WireMockServer server;
    private static FaultStage stage;

    @BeforeAll
    static void start() {
        server = FaultStage.server(TABLE);
        stage = new FaultStage(server, TABLE);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void clusterEvent_snsUnavailable_securityHubImportsAndTheRetryPublishesOnce() {
        stage.reset(Scenario.CLUSTER_EVENT);
        stage.inject(Call.PUBLISH, Injected.HTTP_503);

        Observation down = stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH);

        assertThat(down.failure()).isInstanceOf(DeliveryFailedException.class);
        assertThat(down.metric("AlertsDelivered{sink=securityhub}")).isEqualTo(6.0);
        assertThat(down.metric("DeliveryFailures{sink=sns}")).isEqualTo(1.0);
        assertThat(stage.requests(Call.BATCH_IMPORT_FINDINGS)).isEqualTo(1);

        stage.heal();
        Observation retry = stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH);

        assertThat(retry.failed()).isFalse();
        assertThat(retry.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);
        assertThat(retry.metric("DuplicateDeliveriesSkipped{sink=securityhub}")).isEqualTo(6.0);
        assertThat(stage.requests(Call.BATCH_IMPORT_FINDINGS)).isEqualTo(1);
    }

    @Test
    void clusterEvent_securityHubDown_snsPublishesAndSlackPostsIt() throws IOException {
        stage.reset(Scenario.CLUSTER_EVENT);
        stage.inject(Call.BATCH_IMPORT_FINDINGS, Injected.HTTP_500);

        Observation down = stage.invoke(Scenario.CLUSTER_EVENT, Call.BATCH_IMPORT_FINDINGS);

        assertThat(down.failure()).isInstanceOf(DeliveryFailedException.class);
        assertThat(down.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);
        Map<String, String> publish = LocalAws.form(stage.requestBodies(Call.PUBLISH).get(0));
        String lambdaBody = Json.MAPPER.readTree(publish.get("Message")).get("lambda").asText();

        Observation slack = stage.invoke(Scenario.SLACK_NOTIFICATION, Call.SLACK_WEBHOOK, snsEvent(lambdaBody));

        assertThat(slack.failed()).isFalse();
        assertThat(slack.metric("SlackMessagesPosted")).isEqualTo(1.0);
        assertThat(stage.requestBodies(Call.SLACK_WEBHOOK)).singleElement().asString()
                .contains("NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED");
    }

    @Test
    void clusterEvent_deliveryTableDown_bothSinksDeliverWithoutIt() {
        stage.reset(Scenario.CLUSTER_EVENT);
        stage.inject(Call.BATCH_GET_ITEM, Injected.HTTP_500);
        stage.inject(Call.PUT_ITEM, Injected.HTTP_500);

        Observation o = stage.invoke(Scenario.CLUSTER_EVENT, Call.BATCH_GET_ITEM);

        assertThat(o.failed()).isFalse();
        assertThat(o.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);
        assertThat(o.metric("AlertsDelivered{sink=securityhub}")).isEqualTo(6.0);
        assertThat(o.messages("WARN")).contains("delivery ledger could not prevent a possible duplicate");
        // One failed read ends the ledger for this dispatch: no further table call per sink or finding.
        assertThat(stage.requests(Call.BATCH_GET_ITEM)).isEqualTo(3);
        assertThat(stage.requests(Call.PUT_ITEM)).isZero();
    }

    /** The SNS-to-Lambda event of the fixture with the message SNS would carry: the published lambda body. */
    private static String snsEvent(String message) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(FaultStage.event(Scenario.SLACK_NOTIFICATION.input()));
        JsonNode sns = event.get("Records").get(0).get("Sns");
        ((ObjectNode) sns).put("Message", message);
        return event.toString();
    }
}
