package dev.neptuneguard.faults;

import dev.neptuneguard.configrule.ConfigClients;
import dev.neptuneguard.handler.Handlers;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.sinks.SinkClients;
import dev.neptuneguard.sinks.SlackStubClients;
import dev.neptuneguard.sinks.SlackWebhookClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/**
 * Every client the Lambda functions build, built by the product's own factories, and what bounds each one's time:
 * the limit per attempt, the limit per call (retries included) and the attempts. Building needs a region (the
 * factories read {@code AWS_REGION} or {@code aws.region}); no request is sent.
 */
final class ProductionClients {

    /** The time limits of one client; {@code call} is empty for the Slack client, bounded by its attempts. */
    record Limits(Optional<Duration> attempt, Optional<Duration> call, int maxAttempts) {

        /** The longest a call can take when every attempt hangs (for Slack: attempts, timeouts and backoff). */
        Duration worstCase(Duration backoffTotal) {
            Duration attempts = attempt.orElseThrow().multipliedBy(maxAttempts).plus(backoffTotal);
            return call.map(c -> c.compareTo(attempts) < 0 ? c : attempts).orElse(attempts);
        }
    }

    private ProductionClients() {
    }

    /** The AWS SDK clients by name, as built in production but aimed at {@code endpoint} (any URI; not called). */
    static Map<String, SdkClient> sdkClients(URI endpoint) {
        Map<String, SdkClient> out = new LinkedHashMap<>();
        AwsClients aws = AwsClients.builder().region(Region.US_EAST_1).endpointOverride(endpoint).build();
        out.put("AwsClients: Neptune", aws.neptune());
        out.put("AwsClients: KMS (reads and protection)", aws.kms());
        out.put("SinkClients: SNS", SinkClients.sns(endpoint));
        out.put("SinkClients: SQS", SinkClients.sqs(endpoint));
        out.put("SinkClients: Security Hub", SinkClients.securityHub(endpoint));
        out.put("SinkClients: DynamoDB", SinkClients.dynamoDb(endpoint));
        out.put("SinkClients: Secrets Manager", SinkClients.secretsManager(endpoint));
        out.put("ConfigClients: Config", ConfigClients.create(endpoint));
        out.put("KeyRuntime: Scheduler", Handlers.schedulerClient(Region.US_EAST_1, endpoint));
        return out;
    }

    static Limits limits(SdkClient client) {
        ClientOverrideConfiguration c = client.serviceClientConfiguration().overrideConfiguration();
        int attempts = c.retryStrategy().map(r -> r.maxAttempts()).orElse(0);
        return new Limits(c.apiCallAttemptTimeout(), c.apiCallTimeout(), attempts);
    }

    static SlackWebhookClient slack() {
        return new SlackWebhookClient();
    }

    static Limits limits(SlackWebhookClient client) {
        SlackStubClients.Limits l = SlackStubClients.limits(client);
        return new Limits(Optional.of(l.requestTimeout()), Optional.empty(), l.maxAttempts());
    }

    /** The Slack client's waits between attempts when every attempt fails: 0.5 s, then 1 s. */
    static final Duration SLACK_BACKOFF_TOTAL = Duration.ofMillis(1500);
}
