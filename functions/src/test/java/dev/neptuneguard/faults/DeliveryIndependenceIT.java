package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.DeliveryFailedException;
import dev.neptuneguard.sinks.LocalAws;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One sink failing never stops another, end to end: SNS down while the Security Hub export is queued (and the
 * retry then publishes once and queues nothing twice); Security Hub down while the cluster alert is published and
 * reaches Slack through the notifier, the exporter handing its messages back to the queue; the delivery ledger down
 * while both sinks deliver.
 */
class DeliveryIndependenceIT {

    private static FaultStage stage;

    @BeforeAll
    static void start() {
        stage = FaultStage.start();
    }

    @AfterAll
    static void stop() {
        stage.stop();
    }

    @Test
    void clusterEvent_snsUnavailable_securityHubExportQueuedAndTheRetryPublishesOnce() {
        stage.reset(Scenario.CLUSTER_EVENT);
        stage.inject(Call.PUBLISH, Injected.HTTP_503);

        Observation down = stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH);

        assertThat(down.failure()).isInstanceOf(DeliveryFailedException.class);
        assertThat(down.metric("AlertsDelivered{sink=securityhub-queue}")).isEqualTo(6.0);
        assertThat(down.metric("DeliveryFailures{sink=sns}")).isEqualTo(1.0);
        assertThat(stage.queue().messages).hasSize(6);

        stage.heal();
        Observation retry = stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH);

        assertThat(retry.failed()).isFalse();
        assertThat(retry.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);
        assertThat(retry.metric("DuplicateDeliveriesSkipped{sink=securityhub-queue}")).isEqualTo(6.0);
        assertThat(stage.queue().messages).hasSize(6);
    }

    @Test
    void securityHubDown_clusterAlertPublishedAndPostedToSlackWhileTheExporterHandsMessagesBack()
            throws IOException {
        stage.reset(Scenario.CLUSTER_EVENT);
        stage.inject(Call.BATCH_IMPORT_FINDINGS, Injected.HTTP_500);

        Observation event = stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH);
        Observation export = stage.invoke(Scenario.SECURITY_HUB_EXPORT, Call.BATCH_IMPORT_FINDINGS,
                sqsEvent(stage.queue().messages));
        Map<String, String> publish = LocalAws.form(stage.requestBodies(Call.PUBLISH).get(0));
        String lambdaBody = Json.MAPPER.readTree(publish.get("Message")).get("lambda").asText();
        Observation slack = stage.invoke(Scenario.SLACK_NOTIFICATION, Call.SLACK_WEBHOOK, snsEvent(lambdaBody));

        assertThat(event.failed()).isFalse();
        assertThat(event.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);
        assertThat(export.failed()).isFalse();
        assertThat(Json.MAPPER.readTree(export.summary()).get("batchItemFailures")).hasSize(6);
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
        assertThat(o.metric("AlertsDelivered{sink=securityhub-queue}")).isEqualTo(6.0);
        assertThat(o.messages("WARN")).contains("delivery ledger could not prevent a possible duplicate");
        // One failed read ends the ledger for this dispatch: no further table call per sink or finding.
        assertThat(stage.requests(Call.BATCH_GET_ITEM)).isEqualTo(3);
        assertThat(stage.requests(Call.PUT_ITEM)).isZero();
    }

    /** The SQS event of the exporter's fixture, carrying {@code messages} (message id, body) as its records. */
    private static String sqsEvent(List<Map.Entry<String, String>> messages) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(FaultStage.event(Scenario.SECURITY_HUB_EXPORT.input()));
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (Map.Entry<String, String> m : messages) {
            records.add(template.deepCopy().put("messageId", m.getKey()).put("body", m.getValue()));
        }
        return event.toString();
    }

    /** The SNS-to-Lambda event of the fixture with the message SNS would carry: the published lambda body. */
    private static String snsEvent(String message) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(FaultStage.event(Scenario.SLACK_NOTIFICATION.input()));
        JsonNode sns = event.get("Records").get(0).get("Sns");
        ((ObjectNode) sns).put("Message", message);
        return event.toString();
    }
}
