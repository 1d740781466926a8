package dev.neptuneguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.RemindersFailedException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At-least-once in, exactly one alert out: EventBridge may deliver an event twice, Lambda retries failed
 * invocations, and events about one resource can arrive out of order. The delivery ledger (the stateful DynamoDB
 * stub) keys deliveries on (CloudTrail eventID, finding, sink), so each event alerts once per sink, whatever the
 * order and however often it comes.
 */
class ExactlyOnceIT {

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
    void clusterEvent_deliveredThreeTimes_oneAlertPerSink() {
        stage.reset(Scenario.CLUSTER_EVENT);

        List<Observation> runs = List.of(stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH),
                stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH), stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH));

        assertThat(runs).noneMatch(Observation::failed);
        assertThat(stage.requests(Call.PUBLISH)).isEqualTo(1);
        assertThat(stage.requests(Call.SEND_MESSAGE_BATCH)).isEqualTo(1);
        assertThat(stage.queue().messages).hasSize(6);
        assertThat(runs.get(2).metric("DuplicateDeliveriesSkipped{sink=sns}")).isEqualTo(1.0);
    }

    @Test
    void twoEventsOfOneCluster_outOfOrderAndRepeated_oneAlertEach() throws IOException {
        stage.reset(Scenario.CLUSTER_EVENT);
        String first = FaultStage.event(Scenario.CLUSTER_EVENT.input());
        ObjectNode later = (ObjectNode) Json.MAPPER.readTree(first);
        later.put("id", "3c0e5f1a-7b2d-4e8f-9a6c-1d2e3f4a5b6c");
        ((ObjectNode) later.get("detail")).put("eventID", "e4b7c2d9-1f3a-4c5e-8b6d-7a9f0e1d2c3b");
        ((ObjectNode) later.get("detail")).put("eventTime", "2026-11-23T17:12:10Z");

        for (String event : List.of(later.toString(), first, later.toString(), first)) {
            assertThat(stage.invoke(Scenario.CLUSTER_EVENT, Call.PUBLISH, event).failed()).isFalse();
        }

        assertThat(stage.requests(Call.PUBLISH)).isEqualTo(2);
        assertThat(stage.table().items.keySet()).filteredOn(pk -> pk.endsWith("#sns")).hasSize(2)
                .anyMatch(pk -> pk.startsWith("56f36db8-990e-411e-bac7-96a51550ec46"))
                .anyMatch(pk -> pk.startsWith("e4b7c2d9-1f3a-4c5e-8b6d-7a9f0e1d2c3b"));
    }

    @Test
    void keyEvent_schedulerThrottledThenRetried_alertOnceAndRemindersCreatedByTheRetry() {
        stage.reset(Scenario.KEY_EVENT_REMINDERS);
        stage.inject(Call.CREATE_SCHEDULE, Injected.THROTTLING);

        Observation first = stage.invoke(Scenario.KEY_EVENT_REMINDERS, Call.CREATE_SCHEDULE);

        assertThat(first.failure()).isInstanceOf(RemindersFailedException.class);
        assertThat(first.metric("AlertsDelivered{sink=sns}")).isEqualTo(1.0);

        stage.heal();
        Observation retry = stage.invoke(Scenario.KEY_EVENT_REMINDERS, Call.CREATE_SCHEDULE);

        assertThat(retry.failed()).isFalse();
        // P3D, P1D and PT6H before the deletion date; P7D was already past when the deletion was scheduled.
        assertThat(retry.metric("RemindersCreated")).isEqualTo(3.0);
        assertThat(retry.metric("DuplicateDeliveriesSkipped{sink=sns}")).isEqualTo(1.0);
        assertThat(stage.requests(Call.PUBLISH)).isEqualTo(1);
    }
}
