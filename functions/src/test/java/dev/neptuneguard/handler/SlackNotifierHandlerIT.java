package dev.neptuneguard.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.neptuneguard.artifacts.HandlerLauncher.LauncherContext;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.LocalAws;
import dev.neptuneguard.sinks.SlackConfigurationException;
import dev.neptuneguard.sinks.SlackDeliveryException;
import dev.neptuneguard.sinks.SlackStubClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackNotifierHandlerIT {

    static final String SECRET = "neptune-guard/slack-webhook";
    static final String TOKEN = "XyZsecretTOKENvalue0123";
    static final String HOOK_PATH = "/services/T0EXAMPLE/B0EXAMPLE/" + TOKEN;
    static final Path EVENT = Path.of("..", "events", "sns", "slack-notifier-key-deletion.json");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:05Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<Duration> waits = new ArrayList<>();
    private WireMockServer wm;
    private SlackNotifierHandler handler;

    @BeforeEach
    void start() {
        wm = LocalAws.start();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        handler = new SlackNotifierHandler(
                SlackStubClients.secret(LocalAws.secretsManager(wm), SECRET),
                SlackStubClients.webhook(URI.create(wm.baseUrl()), waits),
                new Log(SlackNotifierHandler.SERVICE, out, clock),
                new Metrics(SlackNotifierHandler.NAMESPACE, SlackNotifierHandler.SERVICE, out, clock), clock);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @Test
    void handleRequest_keyDeletionNotification_postsBlockKitAndNeverLogsTheUrl() throws Exception {
        secret("https://hooks.slack.com" + HOOK_PATH);
        wm.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        String result = invoke(Files.readString(EVENT));

        assertThat(result).isEqualTo("{\"posted\":1}");
        JsonNode posted = Json.MAPPER.readTree(wm.findAll(postRequestedFor(urlEqualTo(HOOK_PATH))).get(0)
                .getBodyAsString());
        assertThat(posted.get("text").asText()).startsWith("CRITICAL: 111122223333: KMS key used by Neptune is scheduled for "
                + "deletion: alias/graph-prod — 3 Neptune resources affected, key deletion in 6 days");
        assertThat(posted.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(posted.get("blocks").toString()).contains("*Deletion date*\\n2026-11-29 13:00 UTC (in 6 days)",
                "event `8a3f1c52-9a0e-4a9b-b1f2-6c1f0e6c9d11`");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("\"message\":\"posted to Slack\"", "\"SlackMessagesPosted\":1.0")
                .doesNotContain(TOKEN, "hooks.slack.com");
    }

    @Test
    void handleRequest_inLambda_linesCarryTheContext_coldStartOnce_andNoSecret() throws Exception {
        secret("https://hooks.slack.com" + HOOK_PATH);
        wm.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(EVENT)), new ByteArrayOutputStream(),
                new LauncherContext("neptune-guard-slack", "req-1"));
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(EVENT)), new ByteArrayOutputStream(),
                new LauncherContext("neptune-guard-slack", "req-2"));

        String log = logs.toString(StandardCharsets.UTF_8);
        List<JsonNode> posted = new ArrayList<>();
        for (String line : log.split("\n")) {
            JsonNode n = Json.MAPPER.readTree(line);
            if ("posted to Slack".equals(n.path("message").asText())) {
                posted.add(n);
            }
        }
        assertThat(posted).hasSize(2);
        assertThat(posted.get(0).get("cold_start").asBoolean()).isTrue();
        assertThat(posted.get(1).get("cold_start").asBoolean()).isFalse();
        assertThat(posted.get(1).get("function_request_id").asText()).isEqualTo("req-2");
        assertThat(posted.get(0).get("correlation_id").asText()).isEqualTo("8a3f1c52-9a0e-4a9b-b1f2-6c1f0e6c9d11");
        assertThat(log.split("\"ColdStart\":1.0", -1)).hasSize(2);
        assertThat(log).doesNotContain(TOKEN, "hooks.slack.com");
    }

    @Test
    void handleRequest_twoInvocations_secretReadOnce() throws Exception {
        secret("{\"url\":\"https://hooks.slack.com" + HOOK_PATH + "\"}");
        wm.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        invoke(Files.readString(EVENT));
        invoke(Files.readString(EVENT));

        wm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")));
        wm.verify(2, postRequestedFor(urlEqualTo(HOOK_PATH)));
    }

    @Test
    void handleRequest_secretNotASlackUrl_failsWithoutPostingOrLoggingIt() throws Exception {
        secret("https://collector.evil.example/hook/" + TOKEN);

        assertThatThrownBy(() -> invoke(Files.readString(EVENT))).isInstanceOf(SlackConfigurationException.class)
                .hasMessageContaining(SECRET).hasMessageNotContaining(TOKEN);
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"SlackConfigurationErrors\":1.0")
                .doesNotContain(TOKEN, "evil.example");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
    }

    @Test
    void handleRequest_slackRejectsBlocks_loggedCountedAndDropped() throws Exception {
        secret("https://hooks.slack.com" + HOOK_PATH);
        wm.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(400).withBody("invalid_blocks")));

        String result = invoke(Files.readString(EVENT));

        assertThat(result).isEqualTo("{\"posted\":0}");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("Slack rejected the message; dropped",
                "\"slackError\":\"invalid_blocks\"", "\"reason\":\"HTTP400\"", "\"SlackMessagesDropped\":1.0");
    }

    @Test
    void handleRequest_slackDown_invocationFailsForLambdaRetry() throws Exception {
        secret("https://hooks.slack.com" + HOOK_PATH);
        wm.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> invoke(Files.readString(EVENT))).isInstanceOf(SlackDeliveryException.class);
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"SlackDeliveryFailures\":1.0");
        wm.verify(3, postRequestedFor(urlEqualTo(HOOK_PATH)));
    }

    @Test
    void handleRequest_messageIsNotAFinding_droppedAndCounted() throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENT));
        ((ObjectNode) event.at("/Records/0/Sns")).put("Message", "Test message from the SNS console");

        String result = invoke(event.toString());

        assertThat(result).isEqualTo("{\"posted\":0}");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"reason\":\"NotAFinding\"");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void handleRequest_notAnSnsEvent_droppedAndCounted() throws Exception {
        String result = invoke(Json.MAPPER.createObjectNode().put("source", "aws.kms").toString());

        assertThat(result).isEqualTo("{\"posted\":0}");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"reason\":\"NotAnSnsEvent\"");
    }

    private void secret(String value) {
        LocalAws.secretValue(wm, SECRET, value);
    }

    private String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
