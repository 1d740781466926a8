package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Map<String, String> TARGETS = Map.of(
            ReminderSettings.TARGET_ARN, "arn:aws:lambda:us-east-1:111122223333:function:neptune-guard-reminder:live",
            ReminderSettings.ROLE_ARN, "arn:aws:iam::111122223333:role/neptune-guard-scheduler");

    @Test
    void reminderSettings_defaults_fourOffsetsLongestFirstAndDefaultGroup() {
        ReminderSettings s = ReminderSettings.fromEnv(TARGETS);

        assertThat(s.offsets()).containsExactly(Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofHours(6));
        assertThat(s.group()).isEqualTo("neptune-guard-reminders");
        assertThat(s.deadLetterArn()).isNull();
    }

    @Test
    void reminderSettings_customOffsetsUnorderedWithDuplicates_sortedDistinct() {
        Map<String, String> env = new HashMap<>(TARGETS);
        env.put(ReminderSettings.OFFSETS, "PT12H, P2D,PT12H");
        env.put(ReminderSettings.GROUP, "other-group");
        env.put(ReminderSettings.DEAD_LETTER_ARN, "arn:aws:sqs:us-east-1:111122223333:neptune-guard-reminder-dlq");

        ReminderSettings s = ReminderSettings.fromEnv(env);

        assertThat(s.offsets()).containsExactly(Duration.ofDays(2), Duration.ofHours(12));
        assertThat(s.group()).isEqualTo("other-group");
        assertThat(s.deadLetterArn()).isEqualTo("arn:aws:sqs:us-east-1:111122223333:neptune-guard-reminder-dlq");
    }

    @Test
    void reminderSettings_invalidValues_failNamingTheVariable() {
        Map<String, String> env = new HashMap<>(TARGETS);
        env.put(ReminderSettings.OFFSETS, "7 days");
        assertThatThrownBy(() -> ReminderSettings.fromEnv(env)).hasMessageStartingWith("reminderOffsets: '7 days'");
        env.put(ReminderSettings.OFFSETS, "-PT6H");
        assertThatThrownBy(() -> ReminderSettings.fromEnv(env)).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> ReminderSettings.fromEnv(Map.of(ReminderSettings.ROLE_ARN, "arn:aws:iam::1:role/x")))
                .hasMessage("REMINDER_TARGET_ARN is not set; it must hold an ARN");
    }

    @Test
    void protectionSettings_modesAndPrincipals_parsed() {
        ProtectionSettings s = ProtectionSettings.fromEnv(Map.of(ProtectionMode.ENV, "Dry-Run",
                ProtectionSettings.EXEMPT_PRINCIPALS, "arn:aws:iam::111122223333:role/BreakGlass, "
                        + "arn:aws:iam::111122223333:user/hank"));

        assertThat(s.mode()).isEqualTo(ProtectionMode.DRY_RUN);
        assertThat(s.exemptPrincipals()).containsExactly("arn:aws:iam::111122223333:role/BreakGlass",
                "arn:aws:iam::111122223333:user/hank");
        assertThat(ProtectionSettings.fromEnv(Map.of()).mode()).isEqualTo(ProtectionMode.OFF);
        assertThat(ProtectionMode.parse("ON")).isEqualTo(ProtectionMode.ON);
    }

    @Test
    void protectionSettings_invalid_failNamingTheVariable() {
        assertThatThrownBy(() -> ProtectionMode.parse("yes")).hasMessage("protectionMode: 'yes' is not one of off, "
                + "dry-run, on");
        assertThatThrownBy(() -> ProtectionSettings.fromEnv(Map.of(ProtectionSettings.EXEMPT_PRINCIPALS, "BreakGlass")))
                .hasMessageStartingWith("protectionExemptPrincipals: 'BreakGlass'");
    }
}
