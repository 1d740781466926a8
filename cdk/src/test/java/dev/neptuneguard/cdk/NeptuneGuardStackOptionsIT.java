package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.aliasId;
import static dev.neptuneguard.cdk.TestStacks.functionId;
import static dev.neptuneguard.cdk.TestStacks.identityStatements;
import static dev.neptuneguard.cdk.TestStacks.list;
import static dev.neptuneguard.cdk.TestStacks.literal;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static dev.neptuneguard.cdk.TestStacks.roleId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.DetectionPatterns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Every optional part switched the other way: Slack on (minimum MEDIUM), protection on, Security Hub and the
 * Config rules off, a cron sweep, and list / boolean values typed as {@code cdk.json} would give them.
 */
class NeptuneGuardStackOptionsIT {

    private static final String SECRET_NAME = "neptune-guard/slack-webhook";
    private static final String EXEMPT = "arn:aws:iam::111122223333:role/break-glass";

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.stack(Map.of(
                GuardSettings.SLACK_WEBHOOK_SECRET_NAME, SECRET_NAME,
                GuardSettings.SLACK_MINIMUM_SEVERITY, "medium",
                GuardSettings.PROTECTION_MODE, "on",
                GuardSettings.PROTECTION_EXEMPT_PRINCIPALS, List.of(EXEMPT),
                GuardSettings.SECURITY_HUB, false,
                GuardSettings.CONFIG_RULE, "false",
                GuardSettings.SWEEP_SCHEDULE, "cron(0 6 * * ? *)",
                GuardSettings.REMINDER_OFFSETS, List.of("P14D", "pt12h"),
                "requiredKeyOrigins", "AWS_CLOUDHSM")));
    }

    @Test
    void slack_subscription_filtersOnSeverityAtLeastTheMinimum() {
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "lambda",
                "Endpoint", Map.of("Ref", aliasId(template, NeptuneGuardStack.SLACK_NOTIFIER_HANDLER)),
                "FilterPolicy", Map.of("severity", List.of("CRITICAL", "HIGH", "MEDIUM")),
                "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue()))));
    }

    @Test
    void slack_secret_isReferencedByNameAndOnlyItsArnPatternIsReadable() {
        String slackRole = roleId(template, NeptuneGuardStack.SLACK_NOTIFIER_HANDLER);
        List<TestStacks.OwnedStatement> secretReads = identityStatements(template).stream()
                .filter(s -> actions(s.statement()).stream().anyMatch(a -> a.startsWith("secretsmanager:"))).toList();

        assertThat(secretReads).hasSize(1);
        assertThat(secretReads.get(0).roleId()).isEqualTo(slackRole);
        assertThat(actions(secretReads.get(0).statement())).contains("secretsmanager:GetSecretValue")
                .allMatch(a -> a.startsWith("secretsmanager:Get") || a.startsWith("secretsmanager:Describe"));
        assertThat(literal(secretReads.get(0).statement().path("Resource")))
                .isEqualTo("arn:<Ref>:secretsmanager:<Ref>:<Ref>:secret:" + SECRET_NAME + "-??????");
        JsonNode env = function(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER).at("/Properties/Environment/Variables");
        assertThat(env.path("SLACK_WEBHOOK_SECRET_NAME").asText()).isEqualTo(SECRET_NAME);
    }

    @Test
    void slack_function_cannotPublishReadNeptuneOrUseTheGuardKey() {
        String slackRole = roleId(template, NeptuneGuardStack.SLACK_NOTIFIER_HANDLER);
        List<String> slackActions = identityStatements(template).stream()
                .filter(s -> s.roleId().equals(slackRole)).flatMap(s -> actions(s.statement()).stream()).toList();

        assertThat(slackActions).doesNotContain("sns:Publish", "rds:DescribeDBClusters", "kms:DescribeKey",
                "dynamodb:PutItem", "kms:Decrypt");
    }

    @Test
    void protection_on_isGrantedToTheKeyRiskFunctionsOnlyWithConditions() {
        List<TestStacks.OwnedStatement> protect = identityStatements(template).stream()
                .filter(s -> actions(s.statement()).stream().anyMatch(GuardPermissions.PROTECTION_ACTIONS::contains))
                .toList();

        assertThat(protect).extracting(TestStacks.OwnedStatement::roleId).containsOnly(
                roleId(template, DetectionPatterns.KEY_REVOCATION_HANDLER),
                roleId(template, NeptuneGuardStack.REMINDER_HANDLER),
                roleId(template, NeptuneGuardStack.SWEEP_HANDLER));
        assertThat(protect).hasSize(6);
        for (TestStacks.OwnedStatement s : protect) {
            JsonNode statement = s.statement();
            assertThat(literal(statement.path("Resource"))).isEqualTo("arn:<Ref>:kms:<Ref>:<Ref>:key/*");
            assertThat(statement.at("/Condition/StringEquals/kms:CallerAccount/Ref").asText())
                    .isEqualTo("AWS::AccountId");
            if (actions(statement).contains("kms:TagResource")) {
                assertThat(actions(statement)).containsExactly("kms:TagResource");
                assertThat(TestStacks.texts(statement.at("/Condition/ForAllValues:StringLike/aws:TagKeys")))
                        .containsExactly("neptune-guard:*");
                assertThat(TestStacks.texts(statement.at("/Condition/ForAllValues:StringNotEquals/aws:TagKeys")))
                        .containsExactly(GuardPermissions.ALLOW_REVOCATION_TAG);
            } else {
                assertThat(actions(statement)).containsExactlyInAnyOrder("kms:CancelKeyDeletion", "kms:EnableKey");
                assertThat(statement.at("/Condition/StringNotEqualsIgnoreCase/aws:ResourceTag~1"
                        + "neptune-guard:allow-revocation").asText()).isEqualTo("true");
            }
        }
    }

    @Test
    void securityHub_off_removesTheImportPermissionTheQueueAndTheExporter() {
        assertThat(identityStatements(template))
                .noneMatch(s -> actions(s.statement()).contains("securityhub:BatchImportFindings"))
                .noneMatch(s -> actions(s.statement()).contains("sqs:SendMessage")
                        && s.statement().toString().contains("SecurityHubExportQueue"));
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 0);
        for (JsonNode function : resources(template, "AWS::Lambda::Function").values()) {
            assertThat(function.at("/Properties/Handler").asText())
                    .isNotEqualTo(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER);
            assertThat(function.at("/Properties/Environment/Variables").has("SECURITY_HUB_QUEUE_URL")).isFalse();
            if (!function.at("/Properties/Handler").asText().equals(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER)) {
                assertThat(function.at("/Properties/Environment/Variables/SECURITY_HUB_ENABLED").asText())
                        .isEqualTo("false");
            }
        }
    }

    @Test
    void configRule_off_removesTheRulesAndTheFunction() {
        template.resourceCountIs("AWS::Config::ConfigRule", 0);
        assertThat(resources(template, "AWS::Lambda::Function").values())
                .noneMatch(f -> f.at("/Properties/Handler").asText().equals(NeptuneGuardStack.CONFIG_RULE_HANDLER));
        assertThat(identityStatements(template))
                .noneMatch(s -> actions(s.statement()).contains("config:PutEvaluations"));
    }

    @Test
    void sweep_cronSetting_becomesTheScheduleExpression() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 6 * * ? *)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", aliasId(template, NeptuneGuardStack.SWEEP_HANDLER))))))));
    }

    @Test
    void environment_settings_reachTheFunctionsNormalized() {
        JsonNode env = function(DetectionPatterns.KEY_REVOCATION_HANDLER).at("/Properties/Environment/Variables");

        assertThat(env.path("protectionMode").asText()).isEqualTo("on");
        assertThat(env.path("protectionExemptPrincipals").asText()).isEqualTo(EXEMPT);
        assertThat(env.path("reminderOffsets").asText()).isEqualTo("P14D,PT12H");
        assertThat(env.path("requiredKeyOrigins").asText()).isEqualTo("AWS_CLOUDHSM");
    }

    @Test
    void kmsDecrypt_slackIncluded_isStillOnlyTheGuardKeyThroughAService() {
        String key = resources(template, "AWS::KMS::Key").keySet().iterator().next();
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            if (actions(s.statement()).contains("kms:Decrypt")) {
                assertThat(list(s.statement().path("Resource"))).hasSize(1);
                assertThat(s.statement().at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(key);
                assertThat(s.statement().at("/Condition/StringEquals/kms:ViaService").isMissingNode()).isFalse();
            }
        }
    }

    private static JsonNode function(String handler) {
        return resources(template, "AWS::Lambda::Function").get(functionId(template, handler));
    }
}
