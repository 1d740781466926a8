package dev.neptuneguard.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebhookClientIT {

    static final String PATH = "/services/T0EXAMPLE/B0EXAMPLE/XXXXXXXXXXXXXXXXXXXXXXXX";
    static final URI WEBHOOK = URI.create("https://hooks.slack.com" + PATH);
    static final String BODY = SlackMessageRenderer.render(TestFindings.keyDeletion(1), TestFindings.EVENT_ID,
            TestFindings.NOW).toJson();

    private WireMockServer wm;
    private final List<Duration> waits = new ArrayList<>();
    private SlackWebhookClient client;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        client = new SlackWebhookClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                waits::add, 3, Duration.ofSeconds(10), URI.create(wm.baseUrl()));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void post_slackAnswersOk_deliveredOnce() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        SlackWebhookClient.Result result = client.post(WEBHOOK, BODY);

        assertThat(result.outcome()).isEqualTo(SlackWebhookClient.Outcome.DELIVERED);
        wm.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalTo(BODY)));
    }

    @Test
    void post_rateLimited_waitsRetryAfterThenDelivers() {
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("rate_limited"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        SlackWebhookClient.Result result = client.post(WEBHOOK, BODY);

        assertThat(result.outcome()).isEqualTo(SlackWebhookClient.Outcome.DELIVERED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void post_retryAfterOneSecond_reallyWaits() {
        SlackWebhookClient sleeping = new SlackWebhookClient(HttpClient.newHttpClient(),
                d -> Thread.sleep(d.toMillis()), 3, Duration.ofSeconds(10), URI.create(wm.baseUrl()));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        long start = System.nanoTime();

        SlackWebhookClient.Result result = sleeping.post(WEBHOOK, BODY);

        assertThat(result.outcome()).isEqualTo(SlackWebhookClient.Outcome.DELIVERED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void post_retryAfterBeyondTheBound_failsForALaterRetry() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> client.post(WEBHOOK, BODY)).isInstanceOf(SlackDeliveryException.class)
                .hasMessageContaining("120 s").hasMessageNotContaining("hooks.slack.com");
        assertThat(waits).isEmpty();
    }

    @Test
    void post_serverErrorThenOk_retriedWithBackoff() {
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("500").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal_error")).willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo(PATH)).inScenario("500").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        SlackWebhookClient.Result result = client.post(WEBHOOK, BODY);

        assertThat(result.outcome()).isEqualTo(SlackWebhookClient.Outcome.DELIVERED);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void post_serverErrorEveryTime_boundedAttemptsThenException() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("service_unavailable")));

        assertThatThrownBy(() -> client.post(WEBHOOK, BODY)).isInstanceOf(SlackDeliveryException.class)
                .hasMessageContaining("3 attempts").hasMessageContaining("HTTP 503");
        wm.verify(3, postRequestedFor(urlEqualTo(PATH)));
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void post_invalidBlocks_droppedWithoutRetry() {
        wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("invalid_blocks")));

        SlackWebhookClient.Result result = client.post(WEBHOOK, BODY);

        assertThat(result.outcome()).isEqualTo(SlackWebhookClient.Outcome.DROPPED);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.error()).isEqualTo("invalid_blocks");
        wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertThat(waits).isEmpty();
    }
}
