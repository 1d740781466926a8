package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.json.Json;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.lambda.powertools.parameters.BaseProvider;
import software.amazon.lambda.powertools.parameters.ProviderClock;

/**
 * The webhook secret read through Powertools' Secrets Manager provider against the local stub, which answers
 * {@code GetSecretValue} in Secrets Manager's JSON protocol ({@code X-Amz-Target: secretsmanager.GetSecretValue},
 * {@code application/x-amz-json-1.1}; shapes as in the API reference's GetSecretValue example). The cache's age is
 * moved with a clock, never by sleeping.
 */
class SlackWebhookSecretIT {

    private static final String SECRET = "neptune-guard/slack-webhook";
    private static final String FIRST = "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/firsttoken123";
    private static final String ROTATED = "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/rotatedtoken45";

    private WireMockServer wm;
    private Duration offset = Duration.ZERO;
    private BaseProvider provider;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void url_withinMaxAge_servedFromTheCache_oneCall() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        answer(FIRST);

        assertThat(secret.url()).hasToString(FIRST);
        answer(ROTATED);
        advance(Duration.ofMinutes(4));

        assertThat(secret.url()).hasToString(FIRST);
        wm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + SECRET + "\"}")));
    }

    @Test
    void url_rotatedSecret_pickedUpOnceMaxAgeHasPassed_withoutANewInstance() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        answer(FIRST);
        assertThat(secret.url()).hasToString(FIRST);

        answer(ROTATED);
        advance(Duration.ofMinutes(5).plusSeconds(30));

        assertThat(secret.url()).hasToString(ROTATED);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void url_configuredMaxAge_isTheOneUsed() {
        SlackWebhookSecret secret = secret(SlackWebhookSecret.maxAge("60"));
        answer(FIRST);
        secret.url();
        answer(ROTATED);

        advance(Duration.ofSeconds(50));
        assertThat(secret.url()).hasToString(FIRST);
        advance(Duration.ofSeconds(20));
        assertThat(secret.url()).hasToString(ROTATED);
    }

    @Test
    void url_secretNotFound_failsWithTheServiceError_andIsNotCached() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

        assertThatThrownBy(secret::url).isInstanceOf(ResourceNotFoundException.class);

        answer(FIRST);
        assertThat(secret.url()).hasToString(FIRST);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void url_accessDenied_failsOnce_withoutRetrying() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        error(400, "AccessDeniedException", "User is not authorized to perform: secretsmanager:GetSecretValue");

        assertThatThrownBy(secret::url).isInstanceOf(SecretsManagerException.class)
                .satisfies(e -> assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("AccessDeniedException"));
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void url_serviceUnavailable_retriedThenFails() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        error(503, "ServiceUnavailable", "Service is unavailable");

        assertThatThrownBy(secret::url).isInstanceOf(SecretsManagerException.class);
        assertThat(wm.getAllServeEvents()).hasSizeGreaterThan(1);
    }

    @Test
    void url_secretIsNotASlackWebhook_rejectedWithoutTheValueInTheMessage() {
        SlackWebhookSecret secret = secret(Duration.ofMinutes(5));
        answer("https://collector.evil.example/hook/stolentoken99");

        assertThatThrownBy(secret::url).isInstanceOf(SlackConfigurationException.class)
                .hasMessageContaining(SECRET)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("evil", "stolentoken99"));
    }

    @Test
    void maxAge_badSettings_rejectedNamingTheVariable() {
        assertThat(SlackWebhookSecret.maxAge(null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SlackWebhookSecret.maxAge(" 900 ")).isEqualTo(Duration.ofMinutes(15));
        for (String bad : new String[] {"0", "-5", "5m", "PT5M"}) {
            assertThatThrownBy(() -> SlackWebhookSecret.maxAge(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SlackWebhookSecret.MAX_AGE_ENV);
        }
    }

    private SlackWebhookSecret secret(Duration maxAge) {
        SlackWebhookSecret secret = new SlackWebhookSecret(LocalAws.secretsManager(wm), SECRET, maxAge);
        provider = secret.provider();
        ProviderClock.set(provider, Clock.systemUTC());
        return secret;
    }

    private void answer(String value) {
        LocalAws.secretValue(wm, SECRET, value);
    }

    private void error(int status, String type, String message) {
        LocalAws.secretsManagerAnswer(wm, aResponse().withStatus(status).withBody(Json.MAPPER.createObjectNode()
                .put("__type", type).put("Message", message).toString()));
    }

    /**
     * Moves the provider's clock {@code d} further from the system clock. Powertools 2.9.0 stamps a cached value's
     * expiry with the system clock ({@code CacheManager.putInCache}) and compares it with the provider's clock, so
     * only an offset from the system clock keeps the two consistent (and only up to the first re-read after the
     * offset passed the maximum age: that value's expiry is again the system clock plus the maximum age).
     */
    private void advance(Duration d) {
        offset = offset.plus(d);
        ProviderClock.set(provider, Clock.offset(Clock.systemUTC(), offset));
    }
}
