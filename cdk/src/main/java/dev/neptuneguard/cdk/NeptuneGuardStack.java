package dev.neptuneguard.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.events.DetectionPatterns;
import dev.neptuneguard.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.config.CfnConfigRule;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscriptionProps;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscription;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscriptionProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The whole guard in one stack: detection rules, the six guard functions, the alert topic and its
 * subscriptions, the delivery table, the reminder schedule group, the reconciliation sweep, the AWS Config rules
 * and the alarms. Everything the functions may do is granted here, statement by statement, from
 * {@link GuardPermissions}; cdk-nag acknowledgements sit next to what they acknowledge ({@link NagFindings}).
 *
 * <p>Names that are fixed ({@value #TOPIC_NAME}, {@value #SCHEDULE_GROUP_NAME}, {@value #KEY_ALIAS}) make one
 * guard per account and region, which is the deployment model: rules, clusters and keys are regional.
 */
public final class NeptuneGuardStack extends Stack {

    public static final String REMINDER_HANDLER = "dev.neptuneguard.handler.ReminderHandler";
    public static final String SWEEP_HANDLER = "dev.neptuneguard.handler.SweepHandler";
    public static final String CONFIG_RULE_HANDLER = "dev.neptuneguard.handler.ConfigRuleHandler";
    public static final String SLACK_NOTIFIER_HANDLER = "dev.neptuneguard.handler.SlackNotifierHandler";
    public static final String SECURITY_HUB_EXPORTER_HANDLER = "dev.neptuneguard.handler.SecurityHubExporterHandler";

    /** Fixed so that the key policy can name the topic ARN without a reference cycle (key → topic → key). */
    public static final String TOPIC_NAME = "neptune-guard-alerts";
    public static final String SCHEDULE_GROUP_NAME = "neptune-guard-reminders";
    public static final String KEY_ALIAS = "alias/neptune-guard";
    public static final String CLUSTER_CONFIG_RULE_NAME = "neptune-guard-cluster-encryption";
    public static final String SNAPSHOT_CONFIG_RULE_NAME = "neptune-guard-snapshot-encryption";
    /** Delivery table key (one string attribute; the sinks compose it) and TTL attribute (epoch seconds). */
    public static final String TABLE_PARTITION_KEY = "pk";
    public static final String TABLE_TTL_ATTRIBUTE = "expiresAt";

    /** Environment variables with resource names (settings use their own names, see GuardSettings). */
    public static final String ENV_ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String ENV_DELIVERY_TABLE_NAME = "DELIVERY_TABLE_NAME";
    public static final String ENV_SECURITY_HUB_QUEUE_URL = "SECURITY_HUB_QUEUE_URL";
    /** Findings per exporter invocation: 10 messages, one BatchImportFindings call. */
    public static final int EXPORT_BATCH_SIZE = 10;
    /** Exporters running at once, to stay well inside Security Hub's import rate (10 TPS, burst 30). */
    public static final int EXPORT_MAX_CONCURRENCY = 2;
    /** Receives before a message that keeps failing goes to the exporter's dead-letter queue. */
    public static final int EXPORT_MAX_RECEIVES = 5;
    public static final String ENV_SCHEDULE_GROUP_NAME = "SCHEDULE_GROUP_NAME";
    public static final String ENV_REMINDER_TARGET_ARN = "REMINDER_TARGET_ARN";
    public static final String ENV_REMINDER_ROLE_ARN = "REMINDER_ROLE_ARN";
    public static final String ENV_REMINDER_DEAD_LETTER_ARN = "REMINDER_DEAD_LETTER_ARN";
    /** Read by {@code SlackNotifierHandler}: the secret's name, never its value. */
    public static final String ENV_SLACK_WEBHOOK_SECRET_NAME = "SLACK_WEBHOOK_SECRET_NAME";

    /** EventBridge gives up delivering to a target after this many retries or {@link GuardFunction#MAX_EVENT_AGE}. */
    public static final int TARGET_RETRY_ATTEMPTS = 10;

    private final GuardSettings settings;
    private final LambdaArtifacts code;
    private final Key guardKey;
    private final Topic alertTopic;
    private final Queue alertDeliveryDeadLetters;
    private final Table deliveryTable;
    private final Queue securityHubQueue;
    private final Role schedulerRole;
    private final Map<String, GuardFunction> functions = new LinkedHashMap<>();
    private final List<Rule> detectionRules = new ArrayList<>();

    public NeptuneGuardStack(Construct scope, String id, NeptuneGuardStackProps props) {
        super(scope, id, props.stackProps());
        this.settings = props.settings();
        this.code = props.code();

        this.guardKey = Key.Builder.create(this, "GuardKey")
                .description("neptune-guard: encrypts the alert topic and the delivery table")
                .alias(KEY_ALIAS)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(30))
                .build();

        this.alertTopic = Topic.Builder.create(this, "AlertTopic")
                .topicName(TOPIC_NAME)
                .displayName("neptune-guard")
                .masterKey(guardKey)
                .enforceSsl(true)
                .build();
        allowAlarmsToPublish();

        this.alertDeliveryDeadLetters = Queue.Builder.create(this, "AlertDeliveryDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(GuardFunction.DEAD_LETTER_RETENTION)
                .build();
        alarmOnDeadLetters(alertDeliveryDeadLetters);

        this.deliveryTable = Table.Builder.create(this, "DeliveryTable")
                .partitionKey(Attribute.builder().name(TABLE_PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TABLE_TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // The table holds only delivery records (ids, timestamps), no finding text. The AWS managed
                // key encrypts it at rest without giving the functions any kms:Decrypt on our key.
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        CfnScheduleGroup scheduleGroup = CfnScheduleGroup.Builder.create(this, "ReminderScheduleGroup")
                .name(SCHEDULE_GROUP_NAME)
                .build();

        this.securityHubQueue = settings.securityHub() ? securityHubQueue() : null;

        Map<String, String> common = new LinkedHashMap<>(settings.functionEnvironment());
        common.put(ENV_ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        common.put(ENV_DELIVERY_TABLE_NAME, deliveryTable.getTableName());
        if (securityHubQueue != null) {
            common.put(ENV_SECURITY_HUB_QUEUE_URL, securityHubQueue.getQueueUrl());
        }

        GuardFunction reminder = add("Reminder", REMINDER_HANDLER,
                "re-checks a key at each countdown reminder before its deletion date", common, Duration.seconds(60));
        this.schedulerRole = schedulerRole(reminder);
        Map<String, String> withReminders = new LinkedHashMap<>(common);
        withReminders.put(ENV_SCHEDULE_GROUP_NAME, scheduleGroup.getName());
        withReminders.put(ENV_REMINDER_TARGET_ARN, reminder.alias().getFunctionArn());
        withReminders.put(ENV_REMINDER_ROLE_ARN, schedulerRole.getRoleArn());
        withReminders.put(ENV_REMINDER_DEAD_LETTER_ARN, reminder.deadLetters().getQueueArn());

        GuardFunction clusters = add("ClusterEncryption", DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER,
                "evaluates the encryption of new, restored and copied Neptune clusters and snapshots", common,
                Duration.seconds(60));
        GuardFunction keys = add("KeyRevocation", DetectionPatterns.KEY_REVOCATION_HANDLER,
                "finds the Neptune clusters and snapshots a KMS key change puts at risk", withReminders,
                Duration.seconds(120));
        GuardFunction sweep = add("Sweep", SWEEP_HANDLER,
                "reconciles every Neptune cluster, snapshot and key; re-creates missing reminders", withReminders,
                Duration.minutes(5));

        for (GuardFunction alerting : List.of(reminder, clusters, keys, sweep)) {
            grantRead(alerting);
            grantAlerting(alerting);
        }
        keys.allow(GuardPermissions.manageReminders(SCHEDULE_GROUP_NAME,
                List.of("scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:DeleteSchedule")));
        sweep.allow(GuardPermissions.manageReminders(SCHEDULE_GROUP_NAME,
                List.of("scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:DeleteSchedule")));
        reminder.allow(GuardPermissions.manageReminders(SCHEDULE_GROUP_NAME,
                List.of("scheduler:GetSchedule", "scheduler:DeleteSchedule")));
        for (GuardFunction creator : List.of(keys, sweep)) {
            creator.allow(GuardPermissions.passSchedulerRole(schedulerRole.getRoleArn()));
        }
        if (settings.protectionMode() == GuardSettings.ProtectionMode.ON) {
            for (GuardFunction protector : List.of(keys, reminder, sweep)) {
                protector.allow(GuardPermissions.protectKeys());
                protector.allow(GuardPermissions.tagProtectedKeys());
            }
        }

        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            detectionRules.add(Rule.Builder.create(this, pascal(rule.name()) + "Rule")
                    .description(rule.name() + ": " + rule.summary())
                    .eventPattern(eventPattern(rule.pattern()))
                    .targets(List.of(target(functions.get(rule.handler()))))
                    .build());
        }
        Rule.Builder.create(this, "SweepScheduleRule")
                .description("neptune-guard reconciliation sweep (" + settings.sweepSchedule() + ")")
                .schedule(Schedule.expression(settings.sweepSchedule()))
                .targets(List.of(target(sweep)))
                .build();

        if (settings.configRule()) {
            GuardFunction config = add("ConfigRule", CONFIG_RULE_HANDLER,
                    "AWS Config custom rule: evaluates Neptune cluster and snapshot encryption",
                    settings.functionEnvironment(), Duration.minutes(5));
            grantRead(config);
            config.allow(GuardPermissions.putEvaluations());
            configRules(config);
        }

        if (securityHubQueue != null) {
            securityHubExporter(securityHubQueue);
        }

        if (settings.slackEnabled()) {
            GuardFunction slack = add("SlackNotifier", SLACK_NOTIFIER_HANDLER,
                    "posts alerts of severity " + settings.slackMinimumSeverity() + " or higher to Slack",
                    Map.of(ENV_SLACK_WEBHOOK_SECRET_NAME, settings.slackWebhookSecretName()), Duration.seconds(30));
            ISecret webhook = Secret.fromSecretNameV2(this, "SlackWebhookSecret", settings.slackWebhookSecretName());
            webhook.grantRead(slack.role());
            Subscription subscription = alertTopic.addSubscription(new LambdaSubscription(slack.alias(),
                    LambdaSubscriptionProps.builder()
                            .filterPolicy(Map.of("severity", SubscriptionFilter.stringFilter(StringConditions.builder()
                                    .allowlist(settings.slackSeverities()).build())))
                            .deadLetterQueue(alertDeliveryDeadLetters)
                            .build()));
            NagFindings.acknowledgeAliasSubscription((CfnSubscription) subscription.getNode().getDefaultChild());
        }

        for (String email : settings.alertEmails()) {
            alertTopic.addSubscription(new EmailSubscription(email, EmailSubscriptionProps.builder()
                    .deadLetterQueue(alertDeliveryDeadLetters).build()));
        }

        List<String> publishers = new ArrayList<>();
        for (GuardFunction publisher : List.of(reminder, clusters, keys, sweep)) {
            publishers.add(publisher.role().getRoleArn());
        }
        alertTopic.addToResourcePolicy(GuardPermissions.denyForeignPublishers(alertTopic.getTopicArn(), publishers));

        CfnOutput.Builder.create(this, "AlertTopicArn").value(alertTopic.getTopicArn())
                .description("Subscribe more endpoints (Amazon Q Developer in chat, SQS, HTTPS) here").build();
        CfnOutput.Builder.create(this, "GuardKeyArn").value(guardKey.getKeyArn())
                .description("The guard's own key (alert topic and delivery table)").build();

        acknowledgeNagFindings(keys, reminder, sweep);
    }

    public GuardSettings settings() {
        return settings;
    }

    /** The guard functions by handler class name. */
    public Map<String, GuardFunction> functions() {
        return Map.copyOf(functions);
    }

    public Key guardKey() {
        return guardKey;
    }

    public Topic alertTopic() {
        return alertTopic;
    }

    public Queue alertDeliveryDeadLetters() {
        return alertDeliveryDeadLetters;
    }

    public Table deliveryTable() {
        return deliveryTable;
    }

    public Role schedulerRole() {
        return schedulerRole;
    }

    public List<Rule> detectionRules() {
        return List.copyOf(detectionRules);
    }

    /**
     * Builds an L2 {@link EventPattern} from a pattern JSON. Only the keys the guard uses are accepted, so that a
     * pattern the L2 type cannot carry fails at synth instead of being deployed without a filter.
     */
    static EventPattern eventPattern(JsonNode pattern) {
        EventPattern.Builder builder = EventPattern.builder();
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "source" -> builder.source(strings(field.getKey(), field.getValue()));
                case "detail-type" -> builder.detailType(strings(field.getKey(), field.getValue()));
                case "detail" -> builder.detail(Json.MAPPER.convertValue(field.getValue(),
                        new TypeReference<LinkedHashMap<String, Object>>() { }));
                default -> throw new IllegalArgumentException("event pattern key '" + field.getKey()
                        + "' is not supported by the stack; use source, detail-type and detail");
            }
        }
        return builder.build();
    }

    private static List<String> strings(String key, JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("event pattern '" + key + "' must list plain strings: " + array);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static String pascal(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private GuardFunction add(String id, String handler, String description, Map<String, String> environment,
                              Duration timeout) {
        GuardFunction function = new GuardFunction(this, id, new GuardFunction.Props(handler, description,
                code.forHandler(handler), environment, timeout, alertTopic));
        functions.put(handler, function);
        return function;
    }

    private LambdaFunction target(GuardFunction function) {
        return new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                .deadLetterQueue(function.deadLetters())
                .retryAttempts(TARGET_RETRY_ATTEMPTS)
                .maxEventAge(GuardFunction.MAX_EVENT_AGE)
                .build());
    }

    private void acknowledgeNagFindings(GuardFunction keys, GuardFunction reminder, GuardFunction sweep) {
        boolean protection = settings.protectionMode() == GuardSettings.ProtectionMode.ON;
        for (GuardFunction function : functions.values()) {
            NagFindings.acknowledgeGuardFunction(function);
            boolean reads = function != functions.get(SLACK_NOTIFIER_HANDLER)
                    && function != functions.get(SECURITY_HUB_EXPORTER_HANDLER);
            boolean schedules = function == keys || function == reminder || function == sweep;
            NagFindings.acknowledgeWildcards(function.role(),
                    new NagFindings.Wildcards(reads, schedules, protection && schedules));
        }
        NagFindings.acknowledgeDeadLetterQueue(alertDeliveryDeadLetters);
    }

    private void grantRead(GuardFunction function) {
        function.allow(GuardPermissions.readNeptune());
        function.allow(GuardPermissions.readKeys());
        function.allow(GuardPermissions.listKeys());
    }

    private void grantAlerting(GuardFunction function) {
        function.allow(GuardPermissions.publishAlerts(alertTopic.getTopicArn()));
        function.allow(GuardPermissions.useGuardKeyForTopic(guardKey.getKeyArn(), alertTopic.getTopicArn()));
        function.allow(GuardPermissions.recordDeliveries(deliveryTable.getTableArn()));
        if (securityHubQueue != null) {
            function.allow(GuardPermissions.queueFindings(securityHubQueue.getQueueArn()));
        }
    }

    /**
     * The queue between the alerting functions and Security Hub: every finding Security Hub should hold
     * (failed, passed, archived) goes here, and the exporter imports them in batches. Keeping the Security Hub
     * SDK out of the alerting functions keeps their package under its size budget, and the queue gives the
     * import its own retries and dead letters.
     */
    private Queue securityHubQueue() {
        Queue deadLetters = Queue.Builder.create(this, "SecurityHubExportDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(GuardFunction.DEAD_LETTER_RETENTION)
                .build();
        NagFindings.acknowledgeDeadLetterQueue(deadLetters);
        Alarm.Builder.create(this, "SecurityHubExportDeadLettersAlarm")
                .alarmDescription("neptune-guard: findings could not be imported into Security Hub after "
                        + EXPORT_MAX_RECEIVES + " attempts. They are in the Security Hub export dead-letter queue.")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()
                .addAlarmAction(new SnsAction(alertTopic));
        return Queue.Builder.create(this, "SecurityHubExportQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // At least six times the exporter's timeout, as Lambda recommends for SQS event sources.
                .visibilityTimeout(Duration.seconds(360))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(EXPORT_MAX_RECEIVES)
                        .build())
                .build();
    }

    private void securityHubExporter(Queue queue) {
        GuardFunction exporter = add("SecurityHubExporter", SECURITY_HUB_EXPORTER_HANDLER,
                "imports neptune-guard findings into Security Hub (ASFF, BatchImportFindings)", Map.of(),
                Duration.seconds(60));
        exporter.allow(GuardPermissions.importFindings());
        SqsEventSource source = new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(EXPORT_BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(5))
                .maxConcurrency(EXPORT_MAX_CONCURRENCY)
                .reportBatchItemFailures(true)
                .build());
        exporter.alias().addEventSource(source);
        exporter.alias().getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("SqsEventSource"))
                .forEach(NagFindings::acknowledgeSqsEventSource);
    }

    /** Scheduler assumes this role to invoke the reminder alias, and nothing else, for this account only. */
    private Role schedulerRole(GuardFunction reminder) {
        Role role = Role.Builder.create(this, "ReminderSchedulerRole")
                .description("neptune-guard: lets EventBridge Scheduler invoke the reminder function only")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnEquals", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":scheduler:" + Aws.REGION
                                + ":" + Aws.ACCOUNT_ID + ":schedule-group/" + SCHEDULE_GROUP_NAME))))
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("InvokeReminderAlias")
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(reminder.alias().getFunctionArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("DeadLetterUndeliveredReminders")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(reminder.deadLetters().getQueueArn()))
                .build());
        return role;
    }

    /** CloudWatch alarms notify the encrypted topic: SNS needs the alarm service to be allowed on the key. */
    private void allowAlarmsToPublish() {
        String topicArn = "arn:" + Aws.PARTITION + ":sns:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + TOPIC_NAME;
        guardKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToUseKeyForAlertTopic")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:sns:topicArn", topicArn)))
                .build());
        alertTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alertTopic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                .build());
    }

    private void alarmOnDeadLetters(Queue queue) {
        Alarm alarm = Alarm.Builder.create(this, "AlertDeliveryDeadLettersAlarm")
                .alarmDescription("neptune-guard: SNS could not deliver an alert to a subscription (e-mail or Slack"
                        + " function) after all retries. The alert is in the alert-delivery dead-letter queue.")
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5)).statistic("Maximum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alertTopic));
    }

    /**
     * Two custom rules, one per resource type, so that Config's compliance view lists clusters and snapshots
     * apart; each is change-triggered (including oversized items) and periodic (daily).
     */
    private void configRules(GuardFunction config) {
        CfnPermission permission = CfnPermission.Builder.create(this, "ConfigInvokePermission")
                .action("lambda:InvokeFunction")
                .functionName(config.alias().getFunctionArn())
                .principal("config.amazonaws.com")
                .sourceAccount(Aws.ACCOUNT_ID)
                .build();
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put(CLUSTER_CONFIG_RULE_NAME, "AWS::RDS::DBCluster");
        rules.put(SNAPSHOT_CONFIG_RULE_NAME, "AWS::RDS::DBClusterSnapshot");
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            CfnConfigRule configRule = CfnConfigRule.Builder.create(this, pascal(rule.getKey().replace('-', '_')))
                    .configRuleName(rule.getKey())
                    .description("neptune-guard: Neptune " + rule.getValue() + " encryption at rest meets the"
                            + " policy (customer managed key, allowed keys and origins, rotation)")
                    .scope(CfnConfigRule.ScopeProperty.builder()
                            .complianceResourceTypes(List.of(rule.getValue())).build())
                    // A scheduled invocation does not say which type it is for: the parameter keeps each rule's
                    // periodic run to its own type (the handler evaluates both types when it is absent).
                    .inputParameters(Map.of("resourceTypes", rule.getValue()))
                    .source(CfnConfigRule.SourceProperty.builder()
                            .owner("CUSTOM_LAMBDA")
                            .sourceIdentifier(config.alias().getFunctionArn())
                            .sourceDetails(List.of(
                                    sourceDetail("ConfigurationItemChangeNotification"),
                                    sourceDetail("OversizedConfigurationItemChangeNotification"),
                                    CfnConfigRule.SourceDetailProperty.builder()
                                            .eventSource("aws.config")
                                            .messageType("ScheduledNotification")
                                            .maximumExecutionFrequency("TwentyFour_Hours")
                                            .build()))
                            .build())
                    .build();
            configRule.getNode().addDependency(permission);
        }
    }

    private static CfnConfigRule.SourceDetailProperty sourceDetail(String messageType) {
        return CfnConfigRule.SourceDetailProperty.builder().eventSource("aws.config").messageType(messageType).build();
    }
}
