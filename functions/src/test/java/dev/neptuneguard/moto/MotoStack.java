package dev.neptuneguard.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the CDK stack deploys around the functions, built in moto through the SDK: the alert topic with an SQS queue
 * subscribed to it (standing in for the e-mail, Slack and chat subscribers, and keeping each message's attributes),
 * the delivery table (partition key {@code pk}, TTL {@code expiresAt}), the Security Hub export queue, the reminder
 * schedule group and Security Hub itself. {@link #environment} gives the guard functions' variables as the stack
 * sets them, plus the test hook {@code NEPTUNE_GUARD_ENDPOINT_URL} aimed at moto; the readers show what reached
 * each service.
 */
public final class MotoStack {

    public static final String TABLE = "neptune-guard-deliveries";
    public static final String GROUP = "neptune-guard-reminders";
    public static final String REMINDER_TARGET =
            "arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT + ":function:neptune-guard-reminder:live";
    public static final String REMINDER_ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/neptune-guard-scheduler";

    private final MotoServer moto;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final SchedulerClient scheduler;
    private final SecurityHubClient securityHub;
    private final String topicArn;
    private final String subscriberQueue;
    private final String exportQueue;
    private final String exportQueueArn;

    private MotoStack(MotoServer moto) {
        this.moto = moto;
        sns = moto.client(SnsClient.builder()).build();
        sqs = moto.client(SqsClient.builder()).build();
        dynamo = moto.client(DynamoDbClient.builder()).build();
        scheduler = moto.client(SchedulerClient.builder()).build();
        securityHub = moto.client(SecurityHubClient.builder()).build();
        topicArn = sns.createTopic(b -> b.name("neptune-guard-alerts")).topicArn();
        subscriberQueue = sqs.createQueue(b -> b.queueName("alerts-subscriber")).queueUrl();
        String subscriberArn = queueArn(subscriberQueue);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriberArn));
        exportQueue = sqs.createQueue(b -> b.queueName("neptune-guard-securityhub")).queueUrl();
        exportQueueArn = queueArn(exportQueue);
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        dynamo.updateTimeToLive(b -> b.tableName(TABLE)
                .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
        scheduler.createScheduleGroup(b -> b.name(GROUP));
        securityHub.enableSecurityHub(b -> b.enableDefaultStandards(false));
    }

    /** Creates the stack's resources in moto's default account and region. */
    public static MotoStack deploy(MotoServer moto) {
        return new MotoStack(moto);
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public String topicArn() {
        return topicArn;
    }

    /**
     * The variables the stack gives the guard functions (cluster, key, reminder and sweep handlers), aimed at moto
     * by {@code NEPTUNE_GUARD_ENDPOINT_URL}; {@code extra} adds or overrides settings (policy, protectionMode...).
     */
    public Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", MotoServer.REGION.id());
        env.put("NEPTUNE_GUARD_ENDPOINT_URL", moto.endpoint().toString());
        env.put("METRICS_NAMESPACE", "NeptuneGuard");
        env.put("ALERT_TOPIC_ARN", topicArn);
        env.put("DELIVERY_TABLE_NAME", TABLE);
        env.put("SECURITY_HUB_QUEUE_URL", exportQueue);
        env.put("SECURITY_HUB_ENABLED", "true");
        env.put("SCHEDULE_GROUP_NAME", GROUP);
        env.put("REMINDER_TARGET_ARN", REMINDER_TARGET);
        env.put("REMINDER_ROLE_ARN", REMINDER_ROLE);
        env.putAll(extra);
        return env;
    }

    /** One message the topic delivered to its SQS subscriber: subject, the {@code sqs} body, message attributes. */
    public record Alert(String subject, JsonNode finding, Map<String, String> attributes, JsonNode envelope) {

        public String ruleId() {
            return finding.path("ruleId").asText();
        }

        public String resourceArn() {
            return finding.path("resourceArn").asText();
        }
    }

    /** Takes every message waiting in the topic's SQS subscriber queue (they arrive when Publish returns). */
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (Message m : drain(subscriberQueue)) {
            JsonNode envelope = read(m.body());
            Map<String, String> attributes = new LinkedHashMap<>();
            envelope.path("MessageAttributes").fields()
                    .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().path("Value").asText()));
            out.add(new Alert(envelope.path("Subject").asText(), read(envelope.path("Message").asText()), attributes,
                    envelope));
        }
        return out;
    }

    /** Every item of the delivery table: delivery records and first sightings. */
    public List<Map<String, AttributeValue>> ledger() {
        return dynamo.scanPaginator(b -> b.tableName(TABLE)).items().stream().toList();
    }

    /**
     * Takes every message waiting in the Security Hub export queue as the SQS event Lambda hands the exporter,
     * built from {@code events/sqs/securityhub-export-batch.json}'s first record; {@code null} when it is empty.
     */
    public String exportBatchEvent() {
        List<Message> messages = drain(exportQueue);
        if (messages.isEmpty()) {
            return null;
        }
        ObjectNode event = (ObjectNode) EventFixture.load("sqs/securityhub-export-batch.json").tree();
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            r.put("md5OfBody", m.md5OfBody());
            r.put("eventSourceARN", exportQueueArn);
            r.put("awsRegion", MotoServer.REGION.id());
            records.add(r);
        }
        return event.toString();
    }

    /** What Security Hub holds now ({@code GetFindings}, every page). */
    public List<AwsSecurityFinding> securityHubFindings() {
        return securityHub.getFindingsPaginator(b -> b.maxResults(100)).findings().stream().toList();
    }

    /** The reminder schedules in the group, with their definitions ({@code GetSchedule}). */
    public List<GetScheduleResponse> schedules() {
        List<GetScheduleResponse> out = new ArrayList<>();
        for (ScheduleSummary s : scheduler.listSchedulesPaginator(b -> b.groupName(GROUP)).schedules()) {
            out.add(scheduler.getSchedule(b -> b.groupName(GROUP).name(s.name())));
        }
        return out;
    }

    private List<Message> drain(String queueUrl) {
        List<Message> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(60)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
