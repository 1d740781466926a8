package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.revocation.Demo;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionMode;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.RecordingKeyActions;
import dev.neptuneguard.revocation.RecordingReminders;
import dev.neptuneguard.revocation.ReminderPlan;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three key handlers end to end: event bytes in, summary out, log lines, EMF counters and the delivery seam. */
class KeyHandlersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> deliveredIds = new ArrayList<>();
    private final List<Finding> delivered = new ArrayList<>();
    private final RecordingReminders reminders = new RecordingReminders();
    private final RecordingKeyActions actions = new RecordingKeyActions();

    private FindingReporter reporter(String service) {
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        return new FindingReporter(new Log(service, out, CLOCK), new Metrics("NeptuneGuard", service, out, CLOCK),
                (id, findings) -> {
                    deliveredIds.add(id);
                    delivered.addAll(findings);
                });
    }

    private KeyRevocationGuard guard(Inventory inventory, ProtectionMode mode, Clock clock) {
        return new KeyRevocationGuard(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(new ProtectionSettings(mode, List.of()), actions, clock), clock);
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String input)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private List<JsonNode> logLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    private JsonNode metric(String name) throws IOException {
        return logLines().stream().filter(l -> l.has("_aws") && l.has(name)).findFirst().orElse(null);
    }

    @Test
    void keyRevocation_disableKeyOfKeyInUse_findingLoggedCountedAndDelivered() throws IOException {
        var handler = new KeyRevocationHandler(() -> guard(Demo.account().legacy("Disabled").build(),
                ProtectionMode.OFF, CLOCK), reporter("key-revocation"));

        JsonNode summary = invoke(handler, Demo.event("kms/disable-key-legacy.json"));

        assertThat(summary.get("status").asText()).isEqualTo("evaluated");
        assertThat(summary.get("findings").asInt()).isEqualTo(1);
        assertThat(summary.get("eventId").asText()).isEqualTo("257f6741-0424-43c4-8181-ac06715533d4");
        assertThat(deliveredIds).containsExactly("257f6741-0424-43c4-8181-ac06715533d4");
        assertThat(delivered).extracting(f -> f.ruleId().name()).containsExactly("KMS_KEY_DISABLED_IN_USE");
        JsonNode line = logLines().stream().filter(l -> "finding".equals(l.path("message").asText())).findFirst()
                .orElseThrow();
        assertThat(line.get("eventId").asText()).isEqualTo("257f6741-0424-43c4-8181-ac06715533d4");
        assertThat(line.at("/finding/ruleId").asText()).isEqualTo("KMS_KEY_DISABLED_IN_USE");
        assertThat(line.at("/finding/affectedResources/0").asText()).isEqualTo(Demo.clusterArn("graph-legacy"));
        assertThat(metric("Findings").get("severity").asText()).isEqualTo("CRITICAL");
    }

    @Test
    void keyRevocation_unusedKey_droppedAndCountedNotDelivered() throws IOException {
        var handler = new KeyRevocationHandler(() -> guard(Demo.account().build(), ProtectionMode.OFF, CLOCK),
                reporter("key-revocation"));

        JsonNode summary = invoke(handler, Demo.event("kms/schedule-key-deletion-unused-key.json"));

        assertThat(summary.get("status").asText()).isEqualTo("dropped");
        assertThat(summary.get("reason").asText()).isEqualTo("KEY_NOT_IN_USE");
        assertThat(delivered).isEmpty();
        JsonNode dropped = metric("EventsDropped");
        assertThat(dropped.get("reason").asText()).isEqualTo("KEY_NOT_IN_USE");
        assertThat(dropped.get("EventsDropped").asDouble()).isEqualTo(1.0);
    }

    @Test
    void keyRevocation_badInputs_droppedWithTheirReasonNeverAGuardCall() throws IOException {
        var handler = new KeyRevocationHandler(() -> {
            throw new AssertionError("no guard for input that is not a key trigger");
        }, reporter("key-revocation"));

        assertThat(invoke(handler, "not json").get("reason").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(invoke(handler, Demo.event("kms/disable-key-failed.json")).get("reason").asText())
                .isEqualTo("FAILED_CALL");
        assertThat(invoke(handler, Demo.event("rds/create-db-cluster-neptune-unencrypted.json")).get("reason")
                .asText()).isEqualTo("UNSUPPORTED_EVENT_NAME");
    }

    @Test
    void keyRevocation_protectionOn_protectionLoggedAndCounted() throws IOException {
        var handler = new KeyRevocationHandler(() -> guard(Demo.account().legacy("PendingDeletion").build(),
                ProtectionMode.ON, CLOCK), reporter("key-revocation"));

        JsonNode summary = invoke(handler, Demo.event("kms/schedule-key-deletion-legacy.json"));

        assertThat(summary.get("protection").asText()).isEqualTo("PROTECTED");
        assertThat(actions.calls).containsExactly("ListResourceTags", "CancelKeyDeletion", "EnableKey", "TagResource");
        JsonNode line = logLines().stream().filter(l -> "protection".equals(l.path("message").asText())).findFirst()
                .orElseThrow();
        assertThat(line.get("outcome").asText()).isEqualTo("PROTECTED");
        assertThat(metric("Protection").get("outcome").asText()).isEqualTo("PROTECTED");
    }

    @Test
    void keyRevocation_scheduledDeletion_remindersCounted() throws IOException {
        var handler = new KeyRevocationHandler(() -> guard(Demo.account().legacy("PendingDeletion").build(),
                ProtectionMode.OFF, CLOCK), reporter("key-revocation"));

        JsonNode summary = invoke(handler, Demo.event("kms/schedule-key-deletion-legacy.json"));

        assertThat(summary.get("remindersCreated").asInt()).isEqualTo(3);
        assertThat(metric("RemindersCreated").get("RemindersCreated").asDouble()).isEqualTo(3.0);
    }

    @Test
    void reminder_fixtureOneDayBefore_realertDelivered() throws IOException {
        Clock oneDayBefore = Clock.fixed(Demo.LEGACY_DELETION.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        var handler = new ReminderHandler(() -> guard(Demo.account().legacy("PendingDeletion").build(),
                ProtectionMode.OFF, oneDayBefore), reporter("reminder"));

        JsonNode summary = invoke(handler, Demo.event("misc/scheduler-reminder-input.json"));

        assertThat(summary.get("findings").asInt()).isEqualTo(1);
        assertThat(deliveredIds).containsExactly("ng-5555eeee55ee55ee55ee555555555555-P1D@2026-11-30T17:10:02Z");
        assertThat(delivered.get(0).title()).endsWith("— deleted in 1 day");
    }

    @Test
    void reminder_sameScheduleOfALaterDeletionCycle_deliveredUnderItsOwnId() throws IOException {
        Instant secondCycle = Demo.LEGACY_DELETION.plus(Duration.ofDays(20));
        Clock oneDayBefore = Clock.fixed(Demo.LEGACY_DELETION.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        var handler = new ReminderHandler(() -> guard(Demo.account().legacy("PendingDeletion").build(),
                ProtectionMode.OFF, oneDayBefore), reporter("reminder"));
        ObjectNode later = (ObjectNode) Json.MAPPER.readTree(Demo.event("misc/scheduler-reminder-input.json"));
        later.put("deletionDate", secondCycle.toString());

        invoke(handler, Demo.event("misc/scheduler-reminder-input.json"));
        invoke(handler, later.toString());

        assertThat(deliveredIds).containsExactly("ng-5555eeee55ee55ee55ee555555555555-P1D@2026-11-30T17:10:02Z",
                "ng-5555eeee55ee55ee55ee555555555555-P1D@" + secondCycle);
    }

    @Test
    void reminder_keyNoLongerPending_remainingSchedulesDeleted() throws IOException {
        reminders.schedule(ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION,
                List.of(Duration.ofHours(6)), NOW));
        var handler = new ReminderHandler(() -> guard(Demo.account().build(), ProtectionMode.OFF, CLOCK),
                reporter("reminder"));

        JsonNode summary = invoke(handler, Demo.event("misc/scheduler-reminder-input.json"));

        assertThat(summary.get("findings").asInt()).isZero();
        assertThat(summary.get("remindersDeleted").asInt()).isEqualTo(1);
        assertThat(logLines()).anySatisfy(l -> assertThat(l.path("message").asText())
                .contains("no longer pending deletion; reminders stopped"));
    }

    @Test
    void reminder_sweepEventSentToReminderFunction_droppedAsBadReminder() throws IOException {
        var handler = new ReminderHandler(() -> {
            throw new AssertionError("no guard for a bad reminder");
        }, reporter("reminder"));

        JsonNode summary = invoke(handler, Demo.event("misc/sweep-scheduled-event.json"));

        assertThat(summary.get("reason").asText()).isEqualTo("BAD_REMINDER");
        assertThat(metric("EventsDropped").get("reason").asText()).isEqualTo("BAD_REMINDER");
    }

    @Test
    void sweep_scheduledEvent_summaryAndFindingsDelivered() throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Demo.event("misc/sweep-scheduled-event.json"));
        var handler = new SweepHandler(() -> new RevocationSweep(Demo.account().legacy("PendingDeletion").build(),
                new RevocationRules(), reminders, ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), CLOCK),
                reporter("sweep"));

        JsonNode summary = invoke(handler, event.toString());

        assertThat(summary.get("clusters").asInt()).isEqualTo(5);
        assertThat(summary.get("keys").asInt()).isEqualTo(4);
        assertThat(summary.get("findings").asInt()).isEqualTo(1);
        assertThat(summary.get("remindersCreated").asInt()).isEqualTo(3);
        assertThat(deliveredIds).containsExactly("9fff53f0-6115-43f9-91a1-74760662f1c3");
        assertThat(delivered.get(0).ruleId().name()).isEqualTo("KMS_KEY_DELETION_SCHEDULED_IN_USE");
    }
}
