package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.RuleId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A countdown reminder fires: re-alert while the key is still pending and used, clean up otherwise. */
class ReminderCheckTest {

    private final RecordingReminders reminders = new RecordingReminders();

    private RevocationResult fire(Duration offset, Inventory inventory) {
        Instant now = Demo.LEGACY_DELETION.minus(offset).plusSeconds(2);
        reminders.schedule(ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), Instant.parse("2026-11-23T17:10:30Z")));
        Reminder reminder = reminders.live.get(ReminderPlan.scheduleName(Demo.LEGACY, offset));
        reminders.live.remove(reminder.scheduleName()); // Scheduler deletes a one-time schedule after it ran
        KeyRevocationGuard guard = new KeyRevocationGuard(inventory, new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), new Protection(ProtectionSettings.off(),
                new RecordingKeyActions(), Clock.fixed(now, ZoneOffset.UTC)), Clock.fixed(now, ZoneOffset.UTC));
        return guard.remind(reminder);
    }

    @Test
    void remind_stillPendingAndUsed_realertWithTimeLeft() {
        RevocationResult r = fire(Duration.ofDays(3), Demo.account().legacy("PendingDeletion").build());

        assertThat(r.findings()).hasSize(1);
        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
        assertThat(f.title()).endsWith("— deleted in 3 days");
        assertThat(r.remindersDeleted()).isZero();
        assertThat(reminders.live).hasSize(2);
    }

    @Test
    void remind_sixHoursBefore_lastReminderWording() {
        RevocationResult r = fire(Duration.ofHours(6), Demo.account().legacy("PendingDeletion").build());

        assertThat(r.findings().get(0).title()).endsWith("— deleted in 6 hours, last reminder");
        assertThat(r.findings().get(0).detail()).startsWith("Reminder (last): key alias/neptune-legacy will be "
                + "deleted in 6 hours");
    }

    @Test
    void remind_deletionCancelled_remainingRemindersDeletedNoAlert() {
        RevocationResult r = fire(Duration.ofDays(3), Demo.account().legacy("Disabled").build());

        assertThat(r.findings()).isEmpty();
        assertThat(r.remindersDeleted()).isEqualTo(2);
        assertThat(reminders.live).isEmpty();
        assertThat(r.note()).contains("is Disabled, no longer pending deletion; reminders stopped");
    }

    @Test
    void remind_noNeptuneResourceUsesKeyAnyMore_cleanUp() {
        Inventory inventory = new StaticInventory(Demo.ACCOUNT, Demo.REGION, List.of(), List.of(),
                List.of(Demo.legacy("PendingDeletion")));

        RevocationResult r = fire(Duration.ofDays(1), inventory);

        assertThat(r.findings()).isEmpty();
        assertThat(r.note()).contains("no longer used by any Neptune cluster or snapshot");
        assertThat(reminders.cancelled).containsExactly(Demo.LEGACY);
    }
}
