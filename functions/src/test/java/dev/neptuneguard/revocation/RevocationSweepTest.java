package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private final RecordingReminders reminders = new RecordingReminders();

    private SweepReport sweep(Demo.Builder account) {
        return new RevocationSweep(account.build(), new RevocationRules(), reminders,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), Clock.fixed(NOW, ZoneOffset.UTC)).run();
    }

    @Test
    void run_allKeysEnabled_noFindingsNoReminders() {
        SweepReport report = sweep(Demo.account());

        assertThat(report.findings()).isEmpty();
        assertThat(report.clusters()).isEqualTo(5);
        assertThat(report.snapshots()).isEqualTo(5);
        assertThat(report.keys()).isEqualTo(4);
        assertThat(report.remindersCreated()).isZero();
    }

    @Test
    void run_keysInEveryBadState_oneFindingPerKeyWithItsStateRule() {
        String goneId = "6666cccc-66cc-66cc-66cc-666666666666";
        String deniedId = "8888dddd-88dd-88dd-88dd-888888888888";
        Demo.Builder account = Demo.account().legacy("PendingDeletion").hsm("Unavailable")
                .cmk(Demo.cmk("Disabled"))
                .withCluster(Demo.cluster("graph-orphan", Demo.keyArn(goneId), "available", false))
                .withCluster(Demo.cluster("graph-shared", Demo.keyArn(deniedId), "available", false))
                .withKey(KeyFacts.unverifiable(Demo.keyArn(deniedId), "AccessDeniedException: cross-account key"))
                .withKey(KeyFacts.refused(Demo.keyArn(goneId), "NotFoundException", "Key does not exist"));

        SweepReport report = sweep(account);

        assertThat(report.findings()).extracting(Finding::ruleId, Finding::resourceArn).containsExactlyInAnyOrder(
                tuple(RuleId.KMS_KEY_DISABLED_IN_USE, Demo.CMK),
                tuple(RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE, Demo.HSM),
                tuple(RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE, Demo.LEGACY),
                tuple(RuleId.KMS_KEY_DELETED_IN_USE, Demo.keyArn(goneId)));
        assertThat(report.unreadableKeys()).isEqualTo(1);
        assertThat(report.keys()).isEqualTo(6);
        Finding legacy = report.findings().stream().filter(f -> f.resourceArn().equals(Demo.LEGACY)).findFirst()
                .orElseThrow();
        assertThat(legacy.detail()).startsWith("Found by the reconciliation sweep at 2026-11-24T06:00:00Z.");
        assertThat(legacy.deletionDate()).isEqualTo(Demo.LEGACY_DELETION);
    }

    @Test
    void run_schedulerDown_stillReportsEveryFindingThenFails() {
        Reminders down = new Reminders() {
            @Override
            public int schedule(List<Reminder> list) {
                throw new IllegalStateException("Scheduler: ServiceUnavailable");
            }

            @Override
            public int cancel(String keyArn) {
                return 0;
            }
        };
        RevocationSweep sweep = new RevocationSweep(Demo.account().legacy("PendingDeletion").cmk(Demo.cmk("Disabled"))
                .build(), new RevocationRules(), down, ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                Clock.fixed(NOW, ZoneOffset.UTC));

        SweepRemindersFailedException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SweepRemindersFailedException.class, sweep::run);

        assertThat(e).hasMessageContaining("ServiceUnavailable");
        assertThat(e.report().findings()).extracting(Finding::ruleId).containsExactlyInAnyOrder(
                RuleId.KMS_KEY_DISABLED_IN_USE, RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
    }

    @Test
    void run_pendingDeletionRemindersMissing_recreatesOnlyMissingFutureOnes() {
        // The 1-day reminder survived; the 3-day one was lost; the 7-day one is in the past.
        reminders.schedule(List.of(new Reminder(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION,
                Duration.ofDays(1), ReminderPlan.scheduleName(Demo.LEGACY, Duration.ofDays(1)))));

        SweepReport report = sweep(Demo.account().legacy("PendingDeletion"));

        assertThat(report.remindersCreated()).isEqualTo(2);
        assertThat(reminders.live.keySet()).containsExactlyInAnyOrder("ng-5555eeee55ee55ee55ee555555555555-P1D",
                "ng-5555eeee55ee55ee55ee555555555555-P3D", "ng-5555eeee55ee55ee55ee555555555555-PT6H");
        assertThat(sweep(Demo.account().legacy("PendingDeletion")).remindersCreated()).isZero();
    }

    @Test
    void run_unusedKeyPendingDeletion_notReported() {
        SweepReport report = sweep(Demo.account().withKey(Demo.key("9999ffff-99ff-99ff-99ff-999999999999", null,
                "CUSTOMER", "AWS_KMS", "PendingDeletion", null, Instant.parse("2026-12-22T12:00:19Z"), 30)));

        assertThat(report.findings()).isEmpty();
        assertThat(report.keys()).isEqualTo(4);
    }
}
