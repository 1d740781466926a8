package dev.neptuneguard.configrule;

import java.time.Duration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Builds the production {@link ConfigClient}: region from {@code AWS_REGION}, the default credentials chain,
 * the small URL-connection HTTP client, the standard retry mode, and the same call limits as the read-side
 * clients (10 s per call, 3 s per attempt), so a stuck call is retried instead of eating the Lambda timeout.
 */
public final class ConfigClients {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    private ConfigClients() {
    }

    public static ConfigClient fromEnvironment() {
        return ConfigClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT))
                .build();
    }
}
