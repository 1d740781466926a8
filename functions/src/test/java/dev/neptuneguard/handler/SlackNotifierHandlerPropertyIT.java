package dev.neptuneguard.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.neptuneguard.hostile.HostileInput;
import dev.neptuneguard.hostile.HostileInputs;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.LocalAws;
import dev.neptuneguard.sinks.SlackMessageRenderer;
import dev.neptuneguard.sinks.SlackStubClients;
import dev.neptuneguard.sinks.SlackWebhookClient;
import dev.neptuneguard.sinks.SlackWebhookSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile SNS deliveries through the Slack notifier, with Secrets Manager and the Slack webhook answered by a
 * local stub that always accepts. Whatever the record holds (the events/sns fixture mutated, also inside its
 * finding JSON {@code Message}, or any other fixture), the handler returns normally, counts every record it
 * does not post under {@code SlackMessagesDropped} with a reason, and what it posts stays within Slack's
 * Block Kit limits.
 */
class SlackNotifierHandlerPropertyIT {

    private static final String SECRET = "neptune-guard/slack-webhook";
    private static final String HOOK_PATH = "/services/T0EXAMPLE/B0EXAMPLE/XyZsecretTOKENvalue0123";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:05Z"), ZoneOffset.UTC);

    private static WireMockServer stub;
    private static SlackWebhookSecret webhookSecret;
    private static SlackWebhookClient webhook;

    @BeforeContainer
    static void start() {
        stub = LocalAws.start();
        ObjectNode secret = Json.MAPPER.createObjectNode()
                .put("ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + SECRET + "-AbCdEf")
                .put("Name", SECRET).put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                .put("SecretString", "https://hooks.slack.com" + HOOK_PATH).put("CreatedDate", 1.7636e9);
        secret.putArray("VersionStages").add("AWSCURRENT");
        stub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(secret.toString())));
        stub.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        // Built once, as in a Lambda process: the secret is read on the first try and cached after.
        webhookSecret = SlackStubClients.secret(LocalAws.secretsManager(stub), SECRET);
        webhook = SlackStubClients.webhook(URI.create(stub.baseUrl()), new ArrayList<Duration>());
    }

    @AfterContainer
    static void stop() {
        stub.stop();
    }

    @Provide
    Arbitrary<HostileInput> snsDelivery() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, HostileInputs.any(HostileInputs.folder("sns"))),
                Tuple.of(1, HostileInputs.any()));
    }

    @Property(tries = 500)
    void handleRequest_hostileSnsDelivery_postsWithinLimitsOrCountsNamedDrop(@ForAll("snsDelivery") HostileInput input)
            throws IOException {
        stub.resetRequests();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        SlackNotifierHandler handler = new SlackNotifierHandler(webhookSecret, webhook,
                new Log(SlackNotifierHandler.SERVICE, out, CLOCK),
                new Metrics(SlackNotifierHandler.NAMESPACE, SlackNotifierHandler.SERVICE, out, CLOCK), CLOCK);
        ByteArrayOutputStream result = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(input.bytes()), result, null);

        int posted = Json.MAPPER.readTree(result.toString(StandardCharsets.UTF_8)).path("posted").asInt(-1);
        List<JsonNode> lines = JsonLines.of(logs);
        double countedPosts = lines.stream().mapToDouble(l -> l.path("SlackMessagesPosted").asDouble()).sum();
        List<JsonNode> drops = lines.stream().filter(l -> l.has("SlackMessagesDropped")).toList();
        double countedDrops = drops.stream().mapToDouble(l -> l.path("SlackMessagesDropped").asDouble()).sum();
        List<LoggedRequest> bodies = stub.findAll(postRequestedFor(urlEqualTo(HOOK_PATH)));
        assertThat(posted).isGreaterThanOrEqualTo(0);
        assertThat(countedPosts).isEqualTo(posted);
        assertThat(bodies).hasSize(posted);
        // Every record is posted or counted as dropped; an input that is no SNS event counts as one drop.
        assertThat(countedPosts + countedDrops).isEqualTo(recordsIn(input));
        assertThat(drops).allSatisfy(d -> assertThat(d.path("reason").asText()).isNotBlank());
        for (LoggedRequest body : bodies) {
            assertWithinBlockKitLimits(Json.MAPPER.readTree(body.getBodyAsString()));
        }
        drops.forEach(d -> Statistics.label("slack").collect("dropped " + d.path("reason").asText()));
        if (posted > 0) {
            Statistics.label("slack").collect("posted");
        }
        Statistics.label("slack").coverage(c -> {
            c.check("posted").count(n -> n > 0);
            c.check("dropped NotAFinding").count(n -> n > 0);
            c.check("dropped NotAnSnsEvent").count(n -> n > 0);
        });
    }

    /** How many records SNS would call this delivery: its {@code Records} array's size, or 1 for anything else. */
    private static int recordsIn(HostileInput input) {
        try {
            JsonNode records = Json.field(Json.MAPPER.readTree(input.bytes()), "Records");
            return records != null && records.isArray() ? records.size() : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    private static void assertWithinBlockKitLimits(JsonNode message) {
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.size()).isBetween(1, SlackMessageRenderer.MAX_BLOCKS);
        for (JsonNode block : blocks) {
            if ("header".equals(block.path("type").asText())) {
                assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(150);
            }
            assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(SlackMessageRenderer.MAX_SECTION_TEXT);
            for (JsonNode field : block.path("fields")) {
                assertThat(field.path("text").asText()).hasSizeLessThanOrEqualTo(2000);
            }
            for (JsonNode element : block.path("elements")) {
                assertThat(element.path("text").asText())
                        .hasSizeLessThanOrEqualTo(SlackMessageRenderer.MAX_SECTION_TEXT);
            }
        }
    }
}
