package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;

/** Settings as the CDK app receives them: through App context (strings from -c, typed values from cdk.json). */
class SettingsFromContextIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "alertEmails | ops@example.com;security@example.com | is not an e-mail address",
        "slackMinimumSeverity | SEV1 | unknown severity 'SEV1'",
        "protectionMode | true | is not one of off, dry-run, on",
        "reminderOffsets | P7D,1d | '1d' is not an ISO-8601 duration"
    })
    void stack_invalidContextValue_failsBeforeAnythingIsBuiltNamingTheSetting(String setting, String value,
                                                                             String problem) {
        assertThatThrownBy(() -> TestStacks.stack(Map.of(setting, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(setting + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void fromContext_typedValuesLikeCdkJson_areReadThroughTheApp() {
        App app = App.Builder.create().context(Map.of(
                "alertEmails", List.of("ops@example.com", "security@example.com"),
                "securityHub", false,
                "requireKeyRotation", true,
                "reminderOffsets", List.of("P3D"))).build();

        GuardSettings settings = GuardSettings.fromContext(app.getNode()::tryGetContext);

        assertThat(settings.alertEmails()).containsExactly("ops@example.com", "security@example.com");
        assertThat(settings.securityHub()).isFalse();
        assertThat(settings.policy().requireKeyRotation()).isTrue();
        assertThat(settings.reminderOffsets()).containsExactly("P3D");
    }
}
