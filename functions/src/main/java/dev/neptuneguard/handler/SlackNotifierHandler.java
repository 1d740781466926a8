package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.FindingJsonReader;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.AlertPolicy;
import dev.neptuneguard.sinks.SinkClients;
import dev.neptuneguard.sinks.SlackConfigurationException;
import dev.neptuneguard.sinks.SlackDeliveryException;
import dev.neptuneguard.sinks.SlackMessage;
import dev.neptuneguard.sinks.SlackMessageRenderer;
import dev.neptuneguard.sinks.SlackWebhookClient;
import dev.neptuneguard.sinks.SlackWebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.crac.Core;

/**
 * Subscribed to the alert topic (its filter policy applies the minimum severity), posts each finding to Slack as
 * Block Kit. SNS hands Lambda the topic message's {@code lambda} body: the finding JSON. A record that is not a
 * finding, or not an alert, is logged and counted, then dropped; Slack's 4xx answers are dropped the same way. A
 * Slack outage or rate limit beyond the bounded retries, or a bad webhook secret, fails the invocation so that
 * Lambda retries it and, in the end, the dead-letter queue keeps it.
 */
public final class SlackNotifierHandler implements RequestStreamHandler, PrimedForSnapStart {

    static final String SECRET_ENV = "SLACK_WEBHOOK_SECRET_NAME";
    static final String SERVICE = "slack-notifier";
    static final String NAMESPACE = "NeptuneGuard";

    private final SlackWebhookSecret secret;
    private final SlackWebhookClient slack;
    private final Log log;
    private final Metrics metrics;
    private final InvocationStart start = new InvocationStart();
    private final Clock clock;

    public SlackNotifierHandler() {
        this(new SlackWebhookSecret(SinkClients.secretsManager(null), System.getenv(SECRET_ENV), maxAge()),
                new SlackWebhookClient(), new Log(SERVICE),
                new Metrics(Runtime.get().metricsNamespace(), SERVICE), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** The webhook secret's cache time ({@value SlackWebhookSecret#MAX_AGE_ENV}); a bad value stops the start. */
    private static Duration maxAge() {
        try {
            return SlackWebhookSecret.maxAge(Runtime.get().setting(SlackWebhookSecret.MAX_AGE_ENV, null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid environment setting: " + e.getMessage(), e);
        }
    }

    SlackNotifierHandler(SlackWebhookSecret secret, SlackWebhookClient slack, Log log, Metrics metrics, Clock clock) {
        this.secret = secret;
        this.slack = slack;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        start.begin(context, log, metrics);
        int posted = 0;
        SlackDeliveryException retry = null;
        try {
            for (JsonNode record : records(input)) {
                try {
                    posted += handle(record) ? 1 : 0;
                } catch (SlackDeliveryException e) {
                    log.error("Slack is unavailable; the invocation will be retried", Map.of("error", e.getMessage()));
                    metrics.count("SlackDeliveryFailures", 1);
                    retry = e;
                }
            }
            if (retry != null) {
                throw retry;
            }
            output.write(("{\"posted\":" + posted + "}").getBytes(StandardCharsets.UTF_8));
        } catch (SlackConfigurationException e) {
            log.error("Slack webhook secret is unusable", Map.of("error", e.getMessage()));
            metrics.count("SlackConfigurationErrors", 1);
            throw e;
        } finally {
            log.eventId(null);
            metrics.flush();
        }
    }

    private Iterable<JsonNode> records(InputStream input) {
        JsonNode records;
        try {
            records = Json.field(Json.MAPPER.readTree(input), "Records");
        } catch (IOException e) {
            records = null;
        }
        if (records == null || !records.isArray()) {
            log.warn("invocation is not an SNS event; dropped", Map.of());
            dropped("NotAnSnsEvent");
            return List.of();
        }
        return records;
    }

    /** @return whether the record was posted */
    private boolean handle(JsonNode record) {
        JsonNode sns = Json.field(record, "Sns");
        String eventId = eventId(sns);
        log.eventId(eventId);
        FindingJsonReader.Result parsed;
        try {
            String message = Json.text(sns, "Message");
            parsed = FindingJsonReader.read(message == null ? null : Json.MAPPER.readTree(message));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("SNS message is not a neptune-guard finding; dropped",
                    Map.of("error", String.valueOf(e.getMessage())));
            dropped("NotAFinding");
            return false;
        }
        if (!AlertPolicy.alerts(parsed.finding(), Severity.INFORMATIONAL)) {
            log.info("finding is not an alert (passed, exempt or not applicable); not posted",
                    Map.of("findingId", parsed.finding().stableId()));
            dropped("NotAnAlert");
            return false;
        }
        SlackMessage message = SlackMessageRenderer.render(
                List.of(new SlackMessageRenderer.Item(parsed.finding(), parsed.affectedResourcesTotal())),
                eventId, clock.instant());
        SlackWebhookClient.Result result = slack.post(secret.url(), message.toJson());
        if (result.outcome() == SlackWebhookClient.Outcome.DELIVERED) {
            log.info("posted to Slack",
                    Map.of("findingId", parsed.finding().stableId(), "attempts", result.attempts()));
            metrics.count("SlackMessagesPosted", 1);
            return true;
        }
        log.error("Slack rejected the message; dropped", Map.of("findingId", parsed.finding().stableId(),
                "status", result.status(), "slackError", result.error()));
        dropped("HTTP" + result.status());
        return false;
    }

    /** The producer's event id (message attribute {@code eventId}), else the SNS message id. */
    private static String eventId(JsonNode sns) {
        String fromAttribute = Json.text(Json.field(Json.field(sns, "MessageAttributes"), "eventId"), "Value");
        if (fromAttribute != null) {
            return fromAttribute;
        }
        String messageId = Json.text(sns, "MessageId");
        return messageId == null ? "unknown" : messageId;
    }

    private void dropped(String reason) {
        metrics.count("SlackMessagesDropped", "reason", reason, 1);
    }
}
