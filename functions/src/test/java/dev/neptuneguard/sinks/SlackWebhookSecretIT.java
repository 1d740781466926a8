package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.neptuneguard.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
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
    private MovableClock clock;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        clock = new MovableClock();
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
        clock.advance(Duration.ofMinutes(4));

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
        clock.advance(Duration.ofMinutes(5).plusSeconds(30));

        assertThat(secret.url()).hasToString(ROTATED);
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void url_configuredMaxAge_isTheOneUsed() {
        SlackWebhookSecret secret = secret(SlackWebhookSecret.maxAge("60"));
        answer(FIRST);
        secret.url();
        answer(ROTATED);

        clock.advance(Duration.ofSeconds(50));
        assertThat(secret.url()).hasToString(FIRST);
        clock.advance(Duration.ofSeconds(20));
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
        ProviderClock.set(secret.provider(), clock);
        return secret;
    }

    private void answer(String value) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + SECRET + "-AbCdEf")
                .put("Name", SECRET).put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE")
                .put("SecretString", value).put("CreatedDate", 1.523477145713E9);
        body.putArray("VersionStages").add("AWSCURRENT");
        stub(aResponse().withStatus(200).withBody(body.toString()));
    }

    private void error(int status, String type, String message) {
        stub(aResponse().withStatus(status).withBody(Json.MAPPER.createObjectNode().put("__type", type)
                .put("Message", message).toString()));
    }

    private void stub(ResponseDefinitionBuilder response) {
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(response.withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    /**
     * The system clock plus an offset the test moves: Powertools 2.9.0 stamps a cached value's expiry with the system
     * clock ({@code CacheManager.putInCache}) and compares it with the provider's clock, so only an offset from the
     * system clock keeps the two consistent (and only up to the first re-read after the offset passed the maximum
     * age: that value's expiry is again the system clock plus the maximum age).
     */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
