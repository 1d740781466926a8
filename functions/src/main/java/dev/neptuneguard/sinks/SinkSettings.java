package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * The write side's settings, read once from the environment and validated with messages that name the variable.
 *
 * <ul>
 *   <li>{@code DELIVERY_TABLE_NAME} — required: the DynamoDB table of delivery records and first sightings;</li>
 *   <li>{@code DELIVERY_RETENTION_DAYS} — how long delivery records are kept (default 14);</li>
 *   <li>{@code ALERT_TOPIC_ARN} — the SNS topic; no SNS sink when unset;</li>
 *   <li>{@code ALERT_MIN_SEVERITY} — the SNS threshold (default LOW);</li>
 *   <li>{@code SECURITY_HUB_QUEUE_URL} — the SQS queue the Security Hub exporter reads; no Security Hub export
 *       when unset;</li>
 *   <li>{@code SECURITY_HUB_ENABLED} — {@code false} turns the export off even with a queue; {@code true} demands
 *       the queue (so a deployment that means to export cannot silently not export); unset follows the queue;</li>
 *   <li>{@code SECURITY_HUB_MIN_SEVERITY} — the Security Hub threshold (default INFORMATIONAL).</li>
 * </ul>
 *
 * @param securityHubQueueUrl the export queue, or {@code null} when findings are not exported to Security Hub
 */
public record SinkSettings(String tableName, Duration retention, String topicArn, Severity alertMinimum,
                           String securityHubQueueUrl, Severity securityHubMinimum) {

    public static SinkSettings fromEnvironment(Map<String, String> env) {
        String table = env.get("DELIVERY_TABLE_NAME");
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("DELIVERY_TABLE_NAME is not set: name the DynamoDB table that records "
                    + "deliveries (partition key 'pk', TTL attribute 'expiresAt')");
        }
        return new SinkSettings(table.trim(), Duration.ofDays(days(env.get("DELIVERY_RETENTION_DAYS"))),
                blankToNull(env.get("ALERT_TOPIC_ARN")), severity(env, "ALERT_MIN_SEVERITY", Severity.LOW),
                securityHubQueue(env), severity(env, "SECURITY_HUB_MIN_SEVERITY", Severity.INFORMATIONAL));
    }

    /** Whether findings are exported to Security Hub (through the queue). */
    public boolean securityHub() {
        return securityHubQueueUrl != null;
    }

    private static String securityHubQueue(Map<String, String> env) {
        String queue = blankToNull(env.get("SECURITY_HUB_QUEUE_URL"));
        Boolean enabled = bool(env.get("SECURITY_HUB_ENABLED"));
        if (Boolean.FALSE.equals(enabled)) {
            return null;
        }
        if (Boolean.TRUE.equals(enabled) && queue == null) {
            throw new IllegalArgumentException("SECURITY_HUB_QUEUE_URL is not set: with SECURITY_HUB_ENABLED=true, "
                    + "name the SQS queue the Security Hub exporter reads, or set SECURITY_HUB_ENABLED=false");
        }
        if (queue != null && !queue.startsWith("https://") && !queue.startsWith("http://")) {
            throw new IllegalArgumentException("SECURITY_HUB_QUEUE_URL must be the queue's URL "
                    + "(https://sqs.<region>.amazonaws.com/<account>/<name>), not '" + queue + "'");
        }
        return queue;
    }

    private static long days(String text) {
        if (text == null || text.isBlank()) {
            return DynamoDbDeliveryLedger.DEFAULT_RETENTION.toDays();
        }
        try {
            long d = Long.parseLong(text.trim());
            if (d >= 1 && d <= 365) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("DELIVERY_RETENTION_DAYS must be a whole number of days from 1 to 365, "
                + "not '" + text + "'");
    }

    private static Severity severity(Map<String, String> env, String name, Severity fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** {@code null} when unset. */
    private static Boolean bool(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (text.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("SECURITY_HUB_ENABLED must be true or false, not '" + text + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
