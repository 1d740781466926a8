package dev.neptuneguard.configrule;

import dev.neptuneguard.inventory.EndpointOverride;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import java.time.Duration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Builds the production {@link ConfigClient}: region from {@code AWS_REGION}, the default credentials chain,
 * the small URL-connection HTTP client, the standard retry mode, and the same call limits as the read-side
 * clients (10 s per call, 3 s per attempt), so a stuck call is retried instead of eating the Lambda timeout.
 * The {@code NEPTUNE_GUARD_ENDPOINT_URL} test hook ({@link EndpointOverride}) is honoured only when set.
 */
public final class ConfigClients {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private ConfigClients() {
    }

    public static ConfigClient fromEnvironment() {
        return create(EndpointOverride.fromEnvironment());
    }

    /** The production client, aimed at {@code endpointOverride} when one is given (tests, the endpoint hook). */
    public static ConfigClient create(URI endpointOverride) {
        return create(endpointOverride, null);
    }

    /**
     * A client with other credentials: organization mode evaluates a member account's resources and puts the
     * evaluations there, through the member's read role.
     *
     * @param credentials {@code null} for the default credentials chain
     */
    public static ConfigClient create(URI endpointOverride, AwsCredentialsProvider credentials) {
        var builder = ConfigClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }
}
