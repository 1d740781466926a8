package dev.neptuneguard.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Settings as the CDK app receives them: through App context (strings from -c, typed values from cdk.json). */
class SettingsFromContextIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "alertEmails | ops@example.com;security@example.com | is not an e-mail address",
        "slackMinimumSeverity | SEV1 | unknown severity 'SEV1'",
        "protectionMode | true | is not one of off, dry-run, on",
        "reminderOffsets | P7D,1d | '1d' is not an ISO-8601 duration",
        "reminderOffsets | PT30S | must be at least PT1M",
        "sweepSchedule | cron(* * * * ? *) | runs more often than every 1 hour",
        "sweepSchedule | rate(1 minute) | runs more often than every 1 hour",
        "sweepSchedule | cron(0 6 * * * *) | exactly one of Day-of-month and Day-of-week must be ?",
        "sweepSchedule | cron(0 6 31 FEB ? 1969) | Year '1969' must be a number from 1970 to 2199",
        "sweepSchedule | rate(99999999999999999999 days) | is too large a rate",
        "protectionExemptPrincipals | arn:aws:iam::111122223333:role/* | has a wildcard"
    })
    void stack_invalidContextValue_failsBeforeAnythingIsBuiltNamingTheSetting(String setting, String value,
                                                                             String problem) {
        assertThatThrownBy(() -> TestStacks.stack(Map.of(setting, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(setting + ": ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(60 minutes)", "cron(0 * * * ? *)", "cron(30 2 ? * MON-FRI *)"})
    void stack_atMostHourlySweep_becomesTheScheduleExpression(String schedule) {
        Template template = Template.fromStack(TestStacks.stack(Map.of(GuardSettings.SWEEP_SCHEDULE, schedule)));

        template.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", schedule)), 1);
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

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "memberRegions | us-east-1 | set organizationId",
        "organizationId | o-exampleorgid1 | memberOrganizationalUnitIds: give the organizational units",
        "stackSetCallAs | self | set organizationId"
    })
    void app_organizationSettingsInconsistent_failBeforeAnythingIsBuiltNamingTheSetting(String setting, String value,
                                                                                      String problem) {
        assertThatThrownBy(() -> TestStacks.app(Map.of(setting, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void app_withoutOrganizationId_hasOnlyTheSingleAccountStack() {
        App app = TestStacks.app(Map.of(GuardSettings.ALERT_EMAILS, "ops@example.com"));

        assertThat(app.getNode().getChildren()).extracting(c -> c.getNode().getId())
                .containsExactly(NeptuneGuardApp.STACK_NAME);
        NeptuneGuardStack stack = (NeptuneGuardStack) app.getNode().findChild(NeptuneGuardApp.STACK_NAME);
        assertThat(stack.organization()).isNull();
        assertThat(stack.hubEventBus()).isNull();
        assertThat(stack.memberStackSet()).isNull();
    }

    @Test
    void app_withOrganizationContext_hasTheHubAndTheEnvironmentAgnosticMemberStack() {
        App app = TestStacks.app(Map.of(
                "organizationId", "o-exampleorgid1",
                "memberOrganizationalUnitIds", List.of("ou-ab12-cdefghij"),
                "memberRegions", List.of("us-east-1", "eu-west-1"),
                "hubAccount", "111122223333"));

        assertThat(app.getNode().getChildren()).extracting(c -> c.getNode().getId())
                .containsExactly(NeptuneGuardApp.STACK_NAME, NeptuneGuardApp.MEMBER_STACK_NAME);
        NeptuneGuardStack hub = (NeptuneGuardStack) app.getNode().findChild(NeptuneGuardApp.STACK_NAME);
        assertThat(hub.organization().memberRegions()).containsExactly("us-east-1", "eu-west-1");
        MemberStack member = (MemberStack) app.getNode().findChild(NeptuneGuardApp.MEMBER_STACK_NAME);
        assertThat(Token.isUnresolved(member.getAccount())).isTrue();
        assertThat(Token.isUnresolved(member.getRegion())).isTrue();
    }
}
