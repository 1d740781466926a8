package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neptuneguard.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardSettingsTest {

    @Test
    void defaults_nothingConfigured_areTheDocumentedDefaults() {
        GuardSettings settings = GuardSettings.defaults();

        assertThat(settings.alertEmails()).isEmpty();
        assertThat(settings.slackEnabled()).isFalse();
        assertThat(settings.slackMinimumSeverity()).isEqualTo(Severity.HIGH);
        assertThat(settings.policy().requireCustomerManagedKey()).isTrue();
        assertThat(settings.policy().requireKeyRotation()).isFalse();
        assertThat(settings.reminderOffsets()).containsExactly("P7D", "P3D", "P1D", "PT6H");
        assertThat(settings.protectionMode()).isEqualTo(GuardSettings.ProtectionMode.OFF);
        assertThat(settings.protectionExemptPrincipals()).isEmpty();
        assertThat(settings.sweepSchedule()).isEqualTo("rate(1 day)");
        assertThat(settings.securityHub()).isTrue();
        assertThat(settings.configRule()).isTrue();
    }

    @Test
    void cdkJson_context_holdsExactlyTheCodeDefaults() throws Exception {
        JsonNode context = new ObjectMapper().readTree(Files.readString(Path.of("..", "cdk.json"))).path("context");
        List<String> keys = fieldNames(context);

        assertThat(keys).containsExactlyElementsOf(GuardSettings.NAMES);
        GuardSettings fromCdkJson = GuardSettings.fromContext(name -> {
            JsonNode value = context.get(name);
            return value == null ? null : value.isBoolean() ? value.booleanValue() : value.asText();
        });
        assertThat(fromCdkJson).isEqualTo(GuardSettings.defaults());
    }

    @Test
    void alertEmails_commaAndSpaceSeparated_areTrimmedAndDeduplicated() {
        GuardSettings settings = settings(Map.of("alertEmails",
                " ops@example.com,security@example.org  ops@example.com"));

        assertThat(settings.alertEmails()).containsExactly("ops@example.com", "security@example.org");
    }

    @Test
    void lists_givenAsJsonArrays_areAcceptedLikeCommaLists() {
        GuardSettings settings = settings(Map.of(
                "alertEmails", List.of("a@example.com", "b@example.com"),
                "reminderOffsets", List.of("P2D", "PT1H")));

        assertThat(settings.alertEmails()).containsExactly("a@example.com", "b@example.com");
        assertThat(settings.reminderOffsets()).containsExactly("P2D", "PT1H");
    }

    @Test
    void booleans_givenAsJsonBooleans_areAccepted() {
        GuardSettings settings = settings(Map.of("securityHub", false, "configRule", Boolean.FALSE,
                "requireKeyRotation", true));

        assertThat(settings.securityHub()).isFalse();
        assertThat(settings.configRule()).isFalse();
        assertThat(settings.policy().requireKeyRotation()).isTrue();
    }

    @Test
    void slackSeverities_minimumMedium_areMediumAndMoreUrgent() {
        assertThat(settings(Map.of("slackMinimumSeverity", "Medium")).slackSeverities())
                .containsExactly("CRITICAL", "HIGH", "MEDIUM");
    }

    @Test
    void protectionMode_anyCase_isNormalized() {
        assertThat(settings(Map.of("protectionMode", "DRY-RUN")).protectionMode())
                .isEqualTo(GuardSettings.ProtectionMode.DRY_RUN);
    }

    @Test
    void functionEnvironment_keys_areTheSettingNamesAndTheSinksSecurityHubSwitch() {
        Map<String, String> env = settings(Map.of("allowedKeyArns", "alias/neptune-prod",
                "protectionExemptPrincipals", "arn:aws:iam::111122223333:role/break-glass")).functionEnvironment();

        assertThat(env).containsOnlyKeys("requireCustomerManagedKey", "allowedKeyArns", "requiredKeyOrigins",
                "requireKeyRotation", "reminderOffsets", "protectionMode", "protectionExemptPrincipals",
                "SECURITY_HUB_ENABLED");
        assertThat(env).containsEntry("allowedKeyArns", "alias/neptune-prod")
                .containsEntry("protectionExemptPrincipals", "arn:aws:iam::111122223333:role/break-glass")
                .containsEntry("SECURITY_HUB_ENABLED", "true");
    }

    @Test
    void sweepSchedule_validRateAndCron_areKept() {
        assertThat(settings(Map.of("sweepSchedule", "rate(12 hours)")).sweepSchedule()).isEqualTo("rate(12 hours)");
        assertThat(settings(Map.of("sweepSchedule", "cron(0 6 * * ? *)")).sweepSchedule())
                .isEqualTo("cron(0 6 * * ? *)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "alertEmails | ops@example.com,not-an-address | 'not-an-address' is not an e-mail address",
        "alertEmails | ops@@example.com | is not an e-mail address",
        "slackWebhookSecretName | https://hooks.slack.com/services/T0/B0/x | never the URL itself",
        "slackWebhookSecretName | my secret | is not a Secrets Manager secret name",
        "slackMinimumSeverity | urgent | unknown severity 'urgent'",
        "requireCustomerManagedKey | maybe | is not true or false",
        "allowedKeyArns | my-key | is not a key ARN",
        "requiredKeyOrigins | HSM | unknown origin 'HSM'",
        "requireKeyRotation | sometimes | is not true or false",
        "reminderOffsets | P7D,7d | '7d' is not an ISO-8601 duration",
        "reminderOffsets | P31D | at most P30D",
        "reminderOffsets | PT0S | must be at least PT1M",
        "reminderOffsets | PT30S | must be at least PT1M",
        "reminderOffsets | -P1D | must be at least PT1M",
        "reminderOffsets | ' , ' | give at least one offset",
        "protectionMode | enforce | 'enforce' is not one of off, dry-run, on",
        "protectionExemptPrincipals | break-glass | is not an IAM principal ARN",
        "protectionExemptPrincipals | arn:aws:iam::111122223333:role/* | has a wildcard",
        "protectionExemptPrincipals | arn:aws:iam::111122223333:role/break-glass-? | has a wildcard",
        "protectionExemptPrincipals | arn:aws:iam::111122223333:group/admins | is not an IAM principal ARN",
        "protectionExemptPrincipals | arn:aws:iam::1111:role/x | is not an IAM principal ARN",
        "protectionExemptPrincipals | arn:aws:s3:::bucket | is not an IAM principal ARN",
        "sweepSchedule | rate(5 minutes) | runs more often than every 1 hour",
        "sweepSchedule | cron(* * * * ? *) | runs more often than every 1 hour",
        "sweepSchedule | rate(99999999999999999999 days) | is too large a rate",
        "sweepSchedule | cron(0 25 * * ? *) | Hours '25' must be a number from 0 to 23",
        "sweepSchedule | rate(1 days) | is not a valid rate",
        "sweepSchedule | every day | is not an EventBridge schedule expression",
        "sweepSchedule | cron(0 6 * *) | it needs six fields",
        "securityHub | on | is not true or false",
        "configRule | 1 | is not true or false"
    })
    void fromContext_invalidValue_failsNamingTheSetting(String setting, String value, String problem) {
        assertThatThrownBy(() -> settings(Map.of(setting, value)))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(setting))
                .hasMessageStartingWith(setting + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void protectionExemptPrincipals_exactRoleUserSessionAndRoot_areKept() {
        List<String> principals = List.of("arn:aws:iam::111122223333:role/ops/break-glass",
                "arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/KeyAdmin/grace",
                "arn:aws:iam::111122223333:root", "arn:aws-us-gov:iam::111122223333:role/break-glass");

        assertThat(settings(Map.of("protectionExemptPrincipals", principals)).protectionExemptPrincipals())
                .containsExactlyElementsOf(principals);
    }

    @Test
    void reminderOffsets_oneMinute_isTheShortestKept() {
        assertThat(settings(Map.of("reminderOffsets", "PT1M,P30D")).reminderOffsets()).containsExactly("PT1M",
                "P30D");
    }

    @Test
    void unknownNames_typosAreReportedButCdkKeysAreNot() {
        assertThat(GuardSettings.unknownNames(List.of("alertEmail", "alertEmails",
                "@aws-cdk/core:newStyleStackSynthesis",
                "aws:cdk:enable-path-metadata", "protectionmode"))).containsExactly("alertEmail", "protectionmode");
    }

    private static GuardSettings settings(Map<String, Object> context) {
        return GuardSettings.fromContext(context::get);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
