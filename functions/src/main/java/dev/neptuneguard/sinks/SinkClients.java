package dev.neptuneguard.sinks;

import dev.neptuneguard.inventory.EndpointOverride;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of the write side the same way: the small URL-connection HTTP client, the region from
 * {@code AWS_REGION}, the default credentials chain, the standard retry mode, bounded call and attempt timeouts,
 * and an endpoint override only when one is given (tests, {@code --endpoint-url}) or, when {@code endpoint} is
 * {@code null}, when the {@code NEPTUNE_GUARD_ENDPOINT_URL} test hook is set ({@link EndpointOverride}).
 *
 * <p>Each method names one SDK module, and the Lambda artifacts hold only some of them: a function calls only the
 * methods whose module is in its jar (the artifact tests run every handler with nothing but its jar).
 */
public final class SinkClients {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private SinkClients() {
    }

    public static SnsClient sns(URI endpoint) {
        return configure(SnsClient.builder(), endpoint).build();
    }

    public static SecurityHubClient securityHub(URI endpoint) {
        return configure(SecurityHubClient.builder(), endpoint).build();
    }

    /** Security Hub with other credentials: a member account's, to import the findings about it (organization mode). */
    public static SecurityHubClient securityHub(URI endpoint, AwsCredentialsProvider credentials) {
        return configure(SecurityHubClient.builder(), endpoint).credentialsProvider(credentials).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return configure(SqsClient.builder(), endpoint).build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return configure(DynamoDbClient.builder(), endpoint).build();
    }

    public static SecretsManagerClient secretsManager(URI endpoint) {
        return configure(SecretsManagerClient.builder(), endpoint).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                               URI endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT).build());
        String region = System.getenv("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        URI override = endpoint != null ? endpoint : EndpointOverride.fromEnvironment();
        if (override != null) {
            builder.endpointOverride(override);
        }
        return builder;
    }
}
