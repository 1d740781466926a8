package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.moto.EventFixture;
import dev.neptuneguard.moto.MotoExtension;
import dev.neptuneguard.moto.MotoServer;
import dev.neptuneguard.moto.MotoStack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.neptune.NeptuneClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Slack notifier end to end: a key alert the key function published to moto's SNS topic, handed to the Slack
 * function as the SNS event Lambda builds (from {@code events/sns/slack-notifier-key-deletion.json}, carrying the
 * subject, message and attributes the topic delivered), the webhook URL read from moto's Secrets Manager, and the
 * post answered by a local HTTP receiver. The topic's {@code lambda} body is the same finding JSON as the
 * {@code sqs} body the test reads.
 */
@ExtendWith(MotoExtension.class)
class SlackNotifierHandlerMotoIT {

    private static final String SECRET = "neptune-guard/slack-webhook";
    private static final String HOOK_PATH = "/services/T0MOTO0001/B0MOTO0001/motoWebhookToken0123";

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private MotoStack stack;
    private MotoServer moto;

    private record Post(String path, String contentType, String body) {
    }

    @BeforeEach
    void deploy(MotoServer server) throws IOException {
        moto = server;
        stack = MotoStack.deploy(moto);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(new Post(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void keyAlertOnTheTopic_webhookFromSecretsManager_postedOnceToSlack() {
        secret("https://hooks.slack.com" + HOOK_PATH);
        String snsEvent = snsEventOfAKeyAlert();
        DeployedFunctions functions = new DeployedFunctions(stack.environment(Map.of(
                "SLACK_WEBHOOK_SECRET_NAME", SECRET)));

        JsonNode result = DeployedFunctions.invoke(functions.slackNotifier(receiverUri()), snsEvent);

        assertThat(result.path("posted").asInt()).isEqualTo(1);
        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(HOOK_PATH);
            assertThat(p.contentType()).startsWith("application/json");
            JsonNode body = read(p.body());
            assertThat(body.path("text").asText()).contains("CRITICAL", "KMS key used by Neptune was disabled");
            assertThat(body.path("blocks").toString()).contains("graph-legacy", "KMS_KEY_DISABLED_IN_USE");
        });
        assertThat(functions.logs()).doesNotContain("motoWebhookToken0123");
    }

    @Test
    void keyAlertOnTheTopic_secretNotASlackWebhook_failsWithoutPosting() {
        secret("http://127.0.0.1:9" + HOOK_PATH);
        String snsEvent = snsEventOfAKeyAlert();
        DeployedFunctions functions = new DeployedFunctions(stack.environment(Map.of(
                "SLACK_WEBHOOK_SECRET_NAME", SECRET)));

        assertThatThrownBy(() -> DeployedFunctions.invoke(functions.slackNotifier(receiverUri()), snsEvent))
                .hasMessageContaining("must hold a Slack incoming-webhook URL");
        assertThat(posts).isEmpty();
    }

    private void secret(String value) {
        moto.client(SecretsManagerClient.builder()).build()
                .createSecret(b -> b.name(SECRET).secretString(value));
    }

    private URI receiverUri() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    /** Disables a key a cluster uses, runs the key function, and wraps what the topic delivered as Lambda would. */
    private String snsEventOfAKeyAlert() {
        KmsClient kms = moto.client(KmsClient.builder()).build();
        String keyArn = kms.createKey(b -> b.description("graph legacy")).keyMetadata().arn();
        moto.client(NeptuneClient.builder()).build().createDBCluster(b -> b.dbClusterIdentifier("graph-legacy")
                .engine("neptune").storageEncrypted(true).kmsKeyId(keyArn));
        kms.disableKey(b -> b.keyId(keyArn));
        String event = EventFixture.load("kms/disable-key-legacy.json").account(MotoServer.ACCOUNT)
                .eventId("evt-slack").set("/detail/requestParameters/keyId", keyArn)
                .set("/detail/resources/0/ARN", keyArn).json();
        DeployedFunctions.invoke(new DeployedFunctions(stack.environment(Map.of())).keyRevocation(), event);
        List<MotoStack.Alert> alerts = stack.alerts();
        assertThat(alerts).hasSize(1);
        JsonNode delivered = alerts.get(0).envelope();

        ObjectNode lambdaEvent = (ObjectNode) EventFixture.load("sns/slack-notifier-key-deletion.json").tree();
        ObjectNode record = (ObjectNode) lambdaEvent.get("Records").get(0);
        record.put("EventSubscriptionArn", stack.topicArn() + ":slack");
        ObjectNode sns = (ObjectNode) record.get("Sns");
        for (String field : List.of("MessageId", "TopicArn", "Subject", "Message", "Timestamp")) {
            sns.put(field, delivered.path(field).asText());
        }
        sns.set("MessageAttributes", delivered.path("MessageAttributes").deepCopy());
        return lambdaEvent.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
