package dev.neptuneguard.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
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
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where alerts go: the guard's own key, the alert topic it encrypts (publishable only by the guard's functions and
 * CloudWatch alarms), the delivery ledger that makes one alert per event and sink, the dead-letter queue of failed
 * deliveries with its alarm, and the subscriptions (e-mail, the Slack notifier).
 *
 * <p>Like every part of the single-account stack, these resources are added to the scope they are given (the
 * stack), not to a construct of their own: their construct ids are their logical ids in deployed stacks, and a
 * changed logical id would make CloudFormation replace the table, the topic and the key.
 */
final class AlertDelivery {

    /** How long the Slack notifier keeps the webhook URL before reading the secret again (a rotation's delay). */
    static final String SLACK_SECRET_MAX_AGE_ENV = "SLACK_WEBHOOK_SECRET_MAX_AGE_SECONDS";
    static final String SLACK_SECRET_MAX_AGE_SECONDS = "300";

    private final Construct scope;
    private final Key guardKey;
    private final Topic alertTopic;
    private final Queue deadLetters;
    private final Table deliveryTable;

    AlertDelivery(Construct scope) {
        this.scope = scope;
        this.guardKey = Key.Builder.create(scope, "GuardKey")
                .description("neptune-guard: encrypts the alert topic and the delivery table")
                .alias(NeptuneGuardStack.KEY_ALIAS)
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(30))
                .build();

        this.alertTopic = Topic.Builder.create(scope, "AlertTopic")
                .topicName(NeptuneGuardStack.TOPIC_NAME)
                .displayName("neptune-guard")
                .masterKey(guardKey)
                .enforceSsl(true)
                .build();
        allowAlarmsToPublish();

        this.deadLetters = Queue.Builder.create(scope, "AlertDeliveryDeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(GuardFunction.DEAD_LETTER_RETENTION)
                .build();
        alarmOnDeadLetters();
        NagFindings.acknowledgeDeadLetterQueue(deadLetters);

        this.deliveryTable = Table.Builder.create(scope, "DeliveryTable")
                .partitionKey(Attribute.builder().name(NeptuneGuardStack.TABLE_PARTITION_KEY)
                        .type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(NeptuneGuardStack.TABLE_TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // The table holds only delivery records (ids, timestamps), no finding text. The AWS managed
                // key encrypts it at rest without giving the functions any kms:Decrypt on our key.
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        CfnOutput.Builder.create(scope, "AlertTopicArn").value(alertTopic.getTopicArn())
                .description("Subscribe more endpoints (Amazon Q Developer in chat, SQS, HTTPS) here").build();
        CfnOutput.Builder.create(scope, "GuardKeyArn").value(guardKey.getKeyArn())
                .description("The guard's own key (alert topic and delivery table)").build();
    }

    Key guardKey() {
        return guardKey;
    }

    Topic alertTopic() {
        return alertTopic;
    }

    Queue deadLetters() {
        return deadLetters;
    }

    Table deliveryTable() {
        return deliveryTable;
    }

    /** The variables an alerting function reads to publish and to record what it delivered. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(NeptuneGuardStack.ENV_ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        env.put(NeptuneGuardStack.ENV_DELIVERY_TABLE_NAME, deliveryTable.getTableName());
        return env;
    }

    /** Publish to the topic (through the guard's key) and record deliveries in the ledger. */
    void grantAlerting(GuardFunction function) {
        function.allow(GuardPermissions.publishAlerts(alertTopic.getTopicArn()));
        function.allow(GuardPermissions.useGuardKeyForTopic(guardKey.getKeyArn(), alertTopic.getTopicArn()));
        function.allow(GuardPermissions.recordDeliveries(deliveryTable.getTableArn()));
    }

    /**
     * Subscribes the Slack notifier (when a webhook secret is configured) and the alert e-mail addresses; failed
     * deliveries go to the alert-delivery dead-letter queue.
     */
    private static Map<String, String> slackEnvironment(GuardSettings settings) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put(NeptuneGuardStack.ENV_SLACK_WEBHOOK_SECRET_NAME, settings.slackWebhookSecretName());
        env.put(SLACK_SECRET_MAX_AGE_ENV, SLACK_SECRET_MAX_AGE_SECONDS);
        return env;
    }

    void subscribe(GuardSettings settings, GuardFunctions functions) {
        if (settings.slackEnabled()) {
            GuardFunction slack = functions.add("SlackNotifier", NeptuneGuardStack.SLACK_NOTIFIER_HANDLER,
                    "posts alerts of severity " + settings.slackMinimumSeverity() + " or higher to Slack",
                    slackEnvironment(settings),
                    Duration.seconds(30));
            ISecret webhook = Secret.fromSecretNameV2(scope, "SlackWebhookSecret", settings.slackWebhookSecretName());
            webhook.grantRead(slack.role());
            Subscription subscription = alertTopic.addSubscription(new LambdaSubscription(slack.alias(),
                    LambdaSubscriptionProps.builder()
                            .filterPolicy(Map.of("severity", SubscriptionFilter.stringFilter(StringConditions.builder()
                                    .allowlist(settings.slackSeverities()).build())))
                            .deadLetterQueue(deadLetters)
                            .build()));
            NagFindings.acknowledgeAliasSubscription((CfnSubscription) subscription.getNode().getDefaultChild());
        }
        for (String email : settings.alertEmails()) {
            alertTopic.addSubscription(new EmailSubscription(email, EmailSubscriptionProps.builder()
                    .deadLetterQueue(deadLetters).build()));
        }
    }

    /** Denies publishing to everyone but these functions' roles and CloudWatch alarms. */
    void onlyTheseFunctionsPublish(List<GuardFunction> publishers) {
        List<String> roles = new ArrayList<>();
        for (GuardFunction publisher : publishers) {
            roles.add(publisher.role().getRoleArn());
        }
        alertTopic.addToResourcePolicy(GuardPermissions.denyForeignPublishers(alertTopic.getTopicArn(), roles));
    }

    /** CloudWatch alarms notify the encrypted topic: SNS needs the alarm service to be allowed on the key. */
    private void allowAlarmsToPublish() {
        String topicArn = "arn:" + Aws.PARTITION + ":sns:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":"
                + NeptuneGuardStack.TOPIC_NAME;
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

    private void alarmOnDeadLetters() {
        GuardFunction.deadLettersAlarm(scope, "AlertDeliveryDeadLettersAlarm", deadLetters,
                "neptune-guard: SNS could not deliver an alert to a subscription (e-mail or Slack"
                        + " function) after all retries. The alert is in the alert-delivery dead-letter queue.",
                alertTopic);
    }
}
