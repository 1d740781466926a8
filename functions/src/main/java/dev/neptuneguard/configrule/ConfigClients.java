package dev.neptuneguard.configrule;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Builds the production {@link ConfigClient}: region from {@code AWS_REGION}, the default credentials chain,
 * the small URL-connection HTTP client, and call timeouts so a stuck call fails inside the Lambda timeout
 * and is retried instead of hanging.
 */
public final class ConfigClients {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private ConfigClients() {
    }

    public static ConfigClient fromEnvironment() {
        return ConfigClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT))
                .build();
    }
}
