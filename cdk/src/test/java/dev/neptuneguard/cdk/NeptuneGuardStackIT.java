package dev.neptuneguard.cdk;

import static dev.neptuneguard.cdk.TestStacks.actions;
import static dev.neptuneguard.cdk.TestStacks.aliasId;
import static dev.neptuneguard.cdk.TestStacks.deadLetterQueueId;
import static dev.neptuneguard.cdk.TestStacks.functionId;
import static dev.neptuneguard.cdk.TestStacks.identityStatements;
import static dev.neptuneguard.cdk.TestStacks.list;
import static dev.neptuneguard.cdk.TestStacks.literal;
import static dev.neptuneguard.cdk.TestStacks.resources;
import static dev.neptuneguard.cdk.TestStacks.roleId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.DetectionPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack with default settings plus two alert e-mails: every construct and every IAM statement. */
class NeptuneGuardStackIT {

    private static final List<String> DEFAULT_HANDLERS = List.of(
            DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER, DetectionPatterns.KEY_REVOCATION_HANDLER,
            NeptuneGuardStack.REMINDER_HANDLER, NeptuneGuardStack.SWEEP_HANDLER, NeptuneGuardStack.CONFIG_RULE_HANDLER,
            NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER);
    /** The alert delivery dead-letter queue, the Security Hub export queue and its dead-letter queue. */
    private static final int SHARED_QUEUES = 3;
    private static final List<String> PUBLISHING_HANDLERS = List.of(
            DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER, DetectionPatterns.KEY_REVOCATION_HANDLER,
            NeptuneGuardStack.REMINDER_HANDLER, NeptuneGuardStack.SWEEP_HANDLER);

    private static Template template;
    private static String keyId;
    private static String topicId;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(TestStacks.stack(Map.of(
                GuardSettings.ALERT_EMAILS, "ops@example.com, security@example.com")));
        keyId = single("AWS::KMS::Key");
        topicId = single("AWS::SNS::Topic");
    }

    @Test
    void functions_everyHandler_hasTheGuardFunctionDefaults() {
        template.resourceCountIs("AWS::Lambda::Function", DEFAULT_HANDLERS.size());
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "MemorySize", GuardFunction.MEMORY_MB,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "LoggingConfig", Map.of("LogGroup", Match.objectLike(Map.of("Ref", Match.anyValue()))))));
        List<String> handlers = resources(template, "AWS::Lambda::Function").values().stream()
                .map(f -> f.at("/Properties/Handler").asText()).toList();
        assertThat(handlers).containsExactlyInAnyOrderElementsOf(DEFAULT_HANDLERS);
    }

    @Test
    void logGroups_everyFunction_keepsLogsOneYearAndRetainsThem() {
        template.resourceCountIs("AWS::Logs::LogGroup", DEFAULT_HANDLERS.size());
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
        template.allResources("AWS::Logs::LogGroup", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }

    @Test
    void roles_functions_haveNoManagedPolicies() {
        for (JsonNode role : resources(template, "AWS::IAM::Role").values()) {
            assertThat(role.at("/Properties/ManagedPolicyArns").isMissingNode()).as(role.toString()).isTrue();
        }
    }

    @Test
    void aliases_everyFunction_isPublishedAsLiveWithRetriesAndOnFailureQueue() {
        template.resourceCountIs("AWS::Lambda::Alias", DEFAULT_HANDLERS.size());
        template.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "Name", GuardFunction.ALIAS_NAME,
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Version")))));
        for (String handler : DEFAULT_HANDLERS) {
            // the qualifier is the alias name cut out of the alias ARN (arn:aws:lambda:…:function:name:live)
            template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                    "FunctionName", Map.of("Ref", functionId(template, handler)),
                    "Qualifier", Map.of("Fn::Select", List.of(7,
                            Map.of("Fn::Split", List.of(":", Map.of("Ref", aliasId(template, handler)))))),
                    "MaximumRetryAttempts", GuardFunction.ASYNC_RETRY_ATTEMPTS,
                    "MaximumEventAgeInSeconds", 3600,
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                            Map.of("Fn::GetAtt", List.of(deadLetterQueueId(template, handler), "Arn"))))));
        }
    }

    @Test
    void detectionRules_patterns_areExactlyTheDetectionPatterns() throws Exception {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            JsonNode deployed = detectionRule(rule).at("/Properties/EventPattern");

            assertThat(deployed).as(rule.name()).isEqualTo(rule.pattern());
        }
        template.resourcePropertiesCountIs("AWS::Events::Rule",
                Map.of("EventPattern", Match.anyValue()), DetectionPatterns.all().size());
    }

    @Test
    void detectionRules_targets_areTheLiveAliasOfTheNamedHandlerWithDeadLetterQueue() {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            JsonNode targets = detectionRule(rule).at("/Properties/Targets");

            assertThat(targets).as(rule.name()).hasSize(1);
            assertThat(targets.get(0).at("/Arn/Ref").asText()).isEqualTo(aliasId(template, rule.handler()));
            assertThat(targets.get(0).at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText())
                    .isEqualTo(deadLetterQueueId(template, rule.handler()));
            assertThat(targets.get(0).at("/RetryPolicy/MaximumEventAgeInSeconds").asInt()).isEqualTo(3600);
            assertThat(targets.get(0).at("/RetryPolicy/MaximumRetryAttempts").asInt())
                    .isEqualTo(NeptuneGuardStack.TARGET_RETRY_ATTEMPTS);
        }
    }

    @Test
    void detectionRules_lambdaPermissions_nameTheRuleAndTheAlias() {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            String ruleId = detectionRuleId(rule);
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction",
                    "FunctionName", Map.of("Ref", aliasId(template, rule.handler())),
                    "Principal", "events.amazonaws.com",
                    "SourceArn", Map.of("Fn::GetAtt", List.of(ruleId, "Arn"))));
        }
    }

    @Test
    void sweep_schedule_isDailyAndTargetsTheSweepAlias() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 day)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", aliasId(template, NeptuneGuardStack.SWEEP_HANDLER)),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                List.of(deadLetterQueueId(template, NeptuneGuardStack.SWEEP_HANDLER), "Arn")))))))));
    }

    @Test
    void guardKey_rotation_isOn() {
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of(
                "AliasName", NeptuneGuardStack.KEY_ALIAS, "TargetKeyId", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
    }

    @Test
    void alertTopic_encryption_isTheGuardKey() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "TopicName", NeptuneGuardStack.TOPIC_NAME,
                "DisplayName", "neptune-guard",
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
    }

    @Test
    void alertTopic_policy_deniesPlainHttpAndForeignPublishers() {
        JsonNode statements = resources(template, "AWS::SNS::TopicPolicy").values().iterator().next()
                .at("/Properties/PolicyDocument/Statement");
        JsonNode tls = find(statements, "AllowPublishThroughSSLOnly");
        assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tls.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");

        JsonNode foreign = find(statements, "OnlyTheGuardPublishes");
        assertThat(foreign.path("Effect").asText()).isEqualTo("Deny");
        assertThat(actions(foreign)).containsExactly("sns:Publish");
        List<String> allowedRoles = list(foreign.at("/Condition/ArnNotEquals/aws:PrincipalArn")).stream()
                .map(r -> r.at("/Fn::GetAtt/0").asText()).toList();
        assertThat(allowedRoles).containsExactlyInAnyOrderElementsOf(
                PUBLISHING_HANDLERS.stream().map(h -> roleId(template, h)).toList());
        assertThat(foreign.at("/Condition/StringNotEquals/aws:PrincipalServiceName").asText())
                .isEqualTo("cloudwatch.amazonaws.com");
    }

    @Test
    void alertTopic_emails_areSubscribedWithDeadLetterQueue() {
        String queue = single("AWS::SQS::Queue", "AlertDeliveryDeadLetters");
        for (String email : List.of("ops@example.com", "security@example.com")) {
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                    "Protocol", "email",
                    "Endpoint", email,
                    "TopicArn", Map.of("Ref", topicId),
                    "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))));
        }
        template.resourceCountIs("AWS::SNS::Subscription", 2);
    }

    @Test
    void queues_all_areEncryptedTlsOnlyAndKeepMessagesFourteenDays() {
        template.resourceCountIs("AWS::SQS::Queue", DEFAULT_HANDLERS.size() + SHARED_QUEUES);
        template.allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
        long fourteenDays = resources(template, "AWS::SQS::Queue").values().stream()
                .filter(q -> q.at("/Properties/MessageRetentionPeriod").asInt() == 1_209_600).count();
        assertThat(fourteenDays).as("every dead-letter queue keeps messages 14 days")
                .isEqualTo(DEFAULT_HANDLERS.size() + SHARED_QUEUES - 1);
        for (JsonNode policy : resources(template, "AWS::SQS::QueuePolicy").values()) {
            JsonNode tls = findWithCondition(policy.at("/Properties/PolicyDocument/Statement"), "aws:SecureTransport");
            assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        }
        template.resourceCountIs("AWS::SQS::QueuePolicy", DEFAULT_HANDLERS.size() + SHARED_QUEUES);
    }

    @Test
    void deliveryTable_isOnDemandWithTtlPitrAndEncryptedByTheAwsManagedKey() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", NeptuneGuardStack.TABLE_PARTITION_KEY, "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true)));
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("SSESpecification",
                Match.objectLike(Map.of("KMSMasterKeyId", Match.absent()))));
    }

    @Test
    void alarms_everyFunctionAndQueue_notifyTheTopic() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 2 * DEFAULT_HANDLERS.size() + 2);
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", topicId)),
                "Threshold", 1,
                "EvaluationPeriods", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching")));
        for (String handler : DEFAULT_HANDLERS) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", "Errors", "Namespace", "AWS/Lambda",
                    "Dimensions", List.of(Map.of("Name", "FunctionName",
                            "Value", Map.of("Ref", functionId(template, handler)))))));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value",
                            Map.of("Fn::GetAtt", List.of(deadLetterQueueId(template, handler), "QueueName")))))));
        }
    }

    @Test
    void reminders_scheduleGroupAndSchedulerRole_invokeOnlyTheReminderAlias() {
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup",
                Map.of("Name", NeptuneGuardStack.SCHEDULE_GROUP_NAME));
        String schedulerRole = single("AWS::IAM::Role", "ReminderSchedulerRole");
        JsonNode trust = resources(template, "AWS::IAM::Role").get(schedulerRole)
                .at("/Properties/AssumeRolePolicyDocument/Statement/0");
        assertThat(trust.at("/Principal/Service").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(trust.at("/Condition/StringEquals/aws:SourceAccount/Ref").asText()).isEqualTo("AWS::AccountId");
        assertThat(literal(trust.at("/Condition/ArnEquals/aws:SourceArn")))
                .endsWith(":schedule-group/" + NeptuneGuardStack.SCHEDULE_GROUP_NAME);

        List<JsonNode> statements = identityStatements(template).stream()
                .filter(s -> s.roleId().equals(schedulerRole)).map(TestStacks.OwnedStatement::statement).toList();
        assertThat(statements).hasSize(2);
        assertThat(actions(statements.get(0))).containsExactly("lambda:InvokeFunction");
        assertThat(statements.get(0).at("/Resource/Ref").asText())
                .isEqualTo(aliasId(template, NeptuneGuardStack.REMINDER_HANDLER));
        assertThat(actions(statements.get(1))).containsExactly("sqs:SendMessage");
        assertThat(statements.get(1).at("/Resource/Fn::GetAtt/0").asText())
                .isEqualTo(deadLetterQueueId(template, NeptuneGuardStack.REMINDER_HANDLER));
    }

    @Test
    void passRole_onlyScheduleCreators_passOnlyTheSchedulerRoleToScheduler() {
        String schedulerRole = single("AWS::IAM::Role", "ReminderSchedulerRole");
        List<TestStacks.OwnedStatement> passRole = identityStatements(template).stream()
                .filter(s -> actions(s.statement()).contains("iam:PassRole")).toList();

        assertThat(passRole).extracting(TestStacks.OwnedStatement::roleId).containsExactlyInAnyOrder(
                roleId(template, DetectionPatterns.KEY_REVOCATION_HANDLER),
                roleId(template, NeptuneGuardStack.SWEEP_HANDLER));
        for (TestStacks.OwnedStatement s : passRole) {
            assertThat(s.statement().at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(schedulerRole);
            assertThat(s.statement().at("/Condition/StringEquals/iam:PassedToService").asText())
                    .isEqualTo("scheduler.amazonaws.com");
        }
    }

    @Test
    void configRules_clustersAndSnapshots_areChangeTriggeredAndPeriodicOnTheConfigAlias() {
        String alias = aliasId(template, NeptuneGuardStack.CONFIG_RULE_HANDLER);
        Map<String, String> rules = Map.of(
                NeptuneGuardStack.CLUSTER_CONFIG_RULE_NAME, "AWS::RDS::DBCluster",
                NeptuneGuardStack.SNAPSHOT_CONFIG_RULE_NAME, "AWS::RDS::DBClusterSnapshot");
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            template.hasResourceProperties("AWS::Config::ConfigRule", Match.objectLike(Map.of(
                    "ConfigRuleName", rule.getKey(),
                    "Scope", Map.of("ComplianceResourceTypes", List.of(rule.getValue())),
                    "InputParameters", Map.of("resourceTypes", rule.getValue()),
                    "Source", Map.of(
                            "Owner", "CUSTOM_LAMBDA",
                            "SourceIdentifier", Map.of("Ref", alias),
                            "SourceDetails", List.of(
                                    Map.of("EventSource", "aws.config",
                                            "MessageType", "ConfigurationItemChangeNotification"),
                                    Map.of("EventSource", "aws.config",
                                            "MessageType", "OversizedConfigurationItemChangeNotification"),
                                    Map.of("EventSource", "aws.config", "MessageType", "ScheduledNotification",
                                            "MaximumExecutionFrequency", "TwentyFour_Hours"))))));
        }
        template.resourceCountIs("AWS::Config::ConfigRule", 2);
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", Map.of("Ref", alias),
                "Principal", "config.amazonaws.com", "SourceAccount", Map.of("Ref", "AWS::AccountId")));
    }

    @Test
    void environment_everyFunction_getsTheSettingsUnderTheirOwnNames() {
        Map<String, String> settings = GuardSettings.defaults().functionEnvironment();
        for (JsonNode function : resources(template, "AWS::Lambda::Function").values()) {
            if (function.at("/Properties/Handler").asText().equals(NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER)) {
                continue; // it only maps findings to ASFF: no policy, no settings
            }
            JsonNode env = function.at("/Properties/Environment/Variables");
            settings.forEach((name, value) -> assertThat(env.path(name).asText()).as(name).isEqualTo(value));
            assertThat(env.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo("NeptuneGuard");
            assertThat(env.path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("INFO");
            assertThat(env.path("POWERTOOLS_SERVICE_NAME").asText()).isNotBlank();
            assertThat(env.path("SECURITY_HUB_ENABLED").asText()).isEqualTo("true");
        }
    }

    @Test
    void environment_publishingFunctions_getTheTopicAndTableAndTheConfigFunctionDoesNot() {
        for (String handler : PUBLISHING_HANDLERS) {
            JsonNode env = resources(template, "AWS::Lambda::Function").get(functionId(template, handler))
                    .at("/Properties/Environment/Variables");
            assertThat(env.at("/ALERT_TOPIC_ARN/Ref").asText()).as(handler).isEqualTo(topicId);
            assertThat(env.at("/DELIVERY_TABLE_NAME/Ref").asText()).isEqualTo(single("AWS::DynamoDB::Table"));
        }
        JsonNode config = resources(template, "AWS::Lambda::Function")
                .get(functionId(template, NeptuneGuardStack.CONFIG_RULE_HANDLER)).at("/Properties/Environment/Variables");
        assertThat(config.has("ALERT_TOPIC_ARN") || config.has("DELIVERY_TABLE_NAME")).isFalse();
        for (String handler : List.of(DetectionPatterns.KEY_REVOCATION_HANDLER, NeptuneGuardStack.SWEEP_HANDLER)) {
            JsonNode env = resources(template, "AWS::Lambda::Function").get(functionId(template, handler))
                    .at("/Properties/Environment/Variables");
            assertThat(env.path("SCHEDULE_GROUP_NAME").asText()).isEqualTo(NeptuneGuardStack.SCHEDULE_GROUP_NAME);
            assertThat(env.at("/REMINDER_TARGET_ARN/Ref").asText())
                    .isEqualTo(aliasId(template, NeptuneGuardStack.REMINDER_HANDLER));
            assertThat(env.at("/REMINDER_ROLE_ARN/Fn::GetAtt/0").asText())
                    .isEqualTo(single("AWS::IAM::Role", "ReminderSchedulerRole"));
            assertThat(env.at("/REMINDER_DEAD_LETTER_ARN/Fn::GetAtt/0").asText())
                    .isEqualTo(deadLetterQueueId(template, NeptuneGuardStack.REMINDER_HANDLER));
        }
    }

    @Test
    void iam_starResource_onlyForActionsWithoutResourceLevelPermissions() {
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            boolean star = list(s.statement().path("Resource")).stream().anyMatch(r -> r.asText().equals("*"));
            if (star) {
                assertThat(actions(s.statement())).as(s.toString())
                        .isSubsetOf(GuardPermissions.STAR_ONLY_ACTIONS);
            }
        }
    }

    @Test
    void iam_actions_neverUseWildcards() {
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            assertThat(actions(s.statement())).as(s.toString()).noneMatch(a -> a.contains("*"));
        }
    }

    @Test
    void iam_writeActions_nameOnlyTheGuardsOwnResources() {
        List<String> writes = new ArrayList<>();
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            List<String> writeActions = actions(s.statement()).stream().filter(a -> !isRead(a))
                    .filter(a -> !GuardPermissions.STAR_ONLY_ACTIONS.contains(a)).toList();
            if (writeActions.isEmpty()) {
                continue;
            }
            writes.addAll(writeActions);
            for (JsonNode resource : list(s.statement().path("Resource"))) {
                String text = literal(resource);
                boolean ownResource = resource.has("Ref") || resource.has("Fn::GetAtt");
                boolean ownSchedules = text.endsWith(":schedule/" + NeptuneGuardStack.SCHEDULE_GROUP_NAME + "/*");
                boolean ownFindingsProduct = text.matches(
                        "arn:<Ref>:securityhub:<Ref>:<Ref>:product/<Ref>/default");
                assertThat(ownResource || ownSchedules || ownFindingsProduct)
                        .as(writeActions + " on " + text).isTrue();
            }
        }
        assertThat(writes).contains("sns:Publish", "dynamodb:PutItem", "dynamodb:BatchGetItem",
                "securityhub:BatchImportFindings",
                "scheduler:CreateSchedule", "iam:PassRole", "sqs:SendMessage");
    }

    @Test
    void iam_kmsDecrypt_isOnlyOnTheGuardKeyThroughSnsForTheAlertTopic() {
        int decrypts = 0;
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            if (!actions(s.statement()).contains("kms:Decrypt")) {
                continue;
            }
            decrypts++;
            JsonNode statement = s.statement();
            assertThat(list(statement.path("Resource"))).as(s.toString()).hasSize(1);
            assertThat(statement.at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(keyId);
            String viaService = literal(statement.at("/Condition/StringEquals/kms:ViaService"));
            assertThat(viaService).isEqualTo("sns.<Ref>.amazonaws.com");
            assertThat(statement.at("/Condition/StringEquals").has("kms:EncryptionContext:aws:sns:topicArn")).isTrue();
        }
        assertThat(decrypts).isEqualTo(PUBLISHING_HANDLERS.size());
    }

    @Test
    void keyPolicy_decrypt_onlyForCloudWatchAlarmsOnTheAlertTopic() {
        JsonNode statements = resources(template, "AWS::KMS::Key").get(keyId).at("/Properties/KeyPolicy/Statement");
        for (JsonNode statement : statements) {
            List<String> actions = actions(statement);
            if (actions.contains("kms:*")) {
                assertThat(literal(statement.at("/Principal/AWS"))).isEqualTo("arn:<Ref>:iam::<Ref>:root");
            } else {
                assertThat(statement.at("/Principal/Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
                assertThat(actions).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
                assertThat(literal(statement.at("/Condition/StringEquals/kms:EncryptionContext:aws:sns:topicArn")))
                        .isEqualTo("arn:<Ref>:sns:<Ref>:<Ref>:" + NeptuneGuardStack.TOPIC_NAME);
            }
        }
        assertThat(statements).hasSize(2);
    }

    @Test
    void iam_protectionActions_areAbsentWhenProtectionIsOff() {
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            assertThat(actions(s.statement())).as(s.toString())
                    .doesNotContainAnyElementsOf(GuardPermissions.PROTECTION_ACTIONS);
        }
    }

    @Test
    void iam_readActions_areTheDocumentedDescribeAndListCalls() {
        Set<String> reads = new TreeSet<>();
        for (TestStacks.OwnedStatement s : identityStatements(template)) {
            actions(s.statement()).stream().filter(NeptuneGuardStackIT::isRead)
                    .filter(a -> a.startsWith("rds:") || a.startsWith("kms:")).forEach(reads::add);
        }
        assertThat(reads).containsExactly("kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:ListAliases",
                "kms:ListKeys", "kms:ListResourceTags", "rds:DescribeDBClusterSnapshots", "rds:DescribeDBClusters",
                "rds:ListTagsForResource");
    }

    @Test
    void securityHub_imports_onlyIntoTheAccountsDefaultProduct() {
        List<TestStacks.OwnedStatement> imports = identityStatements(template).stream()
                .filter(s -> actions(s.statement()).contains("securityhub:BatchImportFindings")).toList();

        assertThat(imports).singleElement().satisfies(s -> assertThat(s.roleId())
                .isEqualTo(roleId(template, NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER)));
        for (TestStacks.OwnedStatement s : imports) {
            JsonNode resource = s.statement().path("Resource");
            assertThat(literal(resource)).isEqualTo("arn:<Ref>:securityhub:<Ref>:<Ref>:product/<Ref>/default");
            List<String> refs = new ArrayList<>();
            resource.at("/Fn::Join/1").forEach(part -> {
                if (part.has("Ref")) {
                    refs.add(part.get("Ref").asText());
                }
            });
            assertThat(refs).containsExactly("AWS::Partition", "AWS::Region", "AWS::AccountId", "AWS::AccountId");
        }
    }

    @Test
    void securityHub_findingsAreQueuedByThePublishersAndConsumedByTheExporterInBatches() {
        String queue = resources(template, "AWS::SQS::Queue").entrySet().stream()
                .filter(q -> q.getKey().startsWith("SecurityHubExportQueue")).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
        for (String handler : PUBLISHING_HANDLERS) {
            JsonNode env = resources(template, "AWS::Lambda::Function").get(functionId(template, handler))
                    .at("/Properties/Environment/Variables");
            assertThat(env.at("/SECURITY_HUB_QUEUE_URL/Ref").asText()).as(handler).isEqualTo(queue);
            assertThat(identityStatements(template)).as(handler).anySatisfy(s -> {
                assertThat(s.roleId()).isEqualTo(roleId(template, handler));
                assertThat(actions(s.statement())).containsExactly("sqs:SendMessage");
                assertThat(s.statement().at("/Resource/Fn::GetAtt/0").asText()).isEqualTo(queue);
            });
        }
        JsonNode mapping = resources(template, "AWS::Lambda::EventSourceMapping").values().iterator().next();
        assertThat(mapping.at("/Properties/FunctionName").toString()).as("the exporter's live alias")
                .contains(aliasId(template, NeptuneGuardStack.SECURITY_HUB_EXPORTER_HANDLER)).contains(":live");
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")),
                "BatchSize", NeptuneGuardStack.EXPORT_BATCH_SIZE,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", NeptuneGuardStack.EXPORT_MAX_CONCURRENCY)));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "VisibilityTimeout", 360,
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", NeptuneGuardStack.EXPORT_MAX_RECEIVES)))));
    }

    @Test
    void slack_withoutSecretName_isNotDeployed() {
        assertThat(resources(template, "AWS::Lambda::Function").values())
                .noneMatch(f -> f.at("/Properties/Handler").asText().equals(NeptuneGuardStack.SLACK_NOTIFIER_HANDLER));
        template.resourcePropertiesCountIs("AWS::SNS::Subscription", Map.of("Protocol", "lambda"), 0);
    }

    @Test
    void outputs_nameTheTopicAndTheKey() {
        template.hasOutput("AlertTopicArn", Map.of("Value", Map.of("Ref", topicId)));
        template.hasOutput("GuardKeyArn", Map.of("Value", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
    }

    @Test
    void eventPattern_unsupportedKey_failsInsteadOfDroppingTheFilter() throws Exception {
        JsonNode pattern = TestStacks.MAPPER.readTree("{\"source\": [\"aws.kms\"], \"account\": [\"111122223333\"]}");

        assertThatThrownBy(() -> DetectionRules.eventPattern(pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'account'");
    }

    private static boolean isRead(String action) {
        String verb = action.substring(action.indexOf(':') + 1);
        return verb.startsWith("Describe") || verb.startsWith("Get") || verb.startsWith("List");
    }

    private static JsonNode detectionRule(DetectionPatterns.Rule rule) {
        return resources(template, "AWS::Events::Rule").get(detectionRuleId(rule));
    }

    private static String detectionRuleId(DetectionPatterns.Rule rule) {
        List<String> ids = resources(template, "AWS::Events::Rule").entrySet().stream()
                .filter(e -> e.getValue().at("/Properties/Description").asText().startsWith(rule.name() + ": "))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as(rule.name()).hasSize(1);
        return ids.get(0);
    }

    private static String single(String type) {
        Map<String, JsonNode> found = resources(template, type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }

    private static String single(String type, String idPrefix) {
        List<String> ids = resources(template, type).keySet().stream().filter(id -> id.startsWith(idPrefix)).toList();
        assertThat(ids).as(type + " " + idPrefix).hasSize(1);
        return ids.get(0);
    }

    private static JsonNode find(JsonNode statements, String sid) {
        for (JsonNode statement : statements) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + statements);
    }

    private static JsonNode findWithCondition(JsonNode statements, String conditionKey) {
        for (JsonNode statement : statements) {
            if (statement.toString().contains(conditionKey)) {
                return statement;
            }
        }
        throw new AssertionError("no statement with " + conditionKey + " in " + statements);
    }
}
