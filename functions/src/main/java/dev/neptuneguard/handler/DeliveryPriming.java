package dev.neptuneguard.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJsonReader;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.sinks.SecurityHubExport;
import dev.neptuneguard.sinks.SlackMessageRenderer;
import dev.neptuneguard.sinks.SlackWebhookSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/**
 * Priming of the delivery jar's handlers. The Security Hub exporter runs its {@code handleRequest} on a queued batch
 * with an in-memory Security Hub client (ASFF mapping and {@code BatchImportFindings} marshalling included). The
 * Slack notifier reads the webhook secret from an in-memory Secrets Manager, renders the sample finding as Block Kit,
 * and runs its {@code handleRequest} on the sample made a passed finding, which it drops before posting: nothing is
 * ever posted to Slack while priming (the webhook call itself stays for the first real alert). Uses only SDK modules
 * the delivery jar holds.
 */
final class DeliveryPriming {

    private static final String SLACK_EVENT = "sns/slack-notifier-key-deletion.json";

    private DeliveryPriming() {
    }

    static void slackNotifier(Priming.Session s) {
        SlackWebhookSecret secret = new SlackWebhookSecret(s.client(SecretsManagerClient.builder()),
                "neptune-guard/priming", SlackWebhookSecret.DEFAULT_MAX_AGE);
        s.step("read the webhook secret", secret::url);
        s.step("render the sample finding for Slack", () -> {
            JsonNode sns = Json.field(Json.MAPPER.readTree(Priming.Session.event(SLACK_EVENT)).get("Records").get(0),
                    "Sns");
            FindingJsonReader.Result finding = FindingJsonReader.read(Json.MAPPER.readTree(Json.text(sns,
                    "Message")));
            SlackMessageRenderer.render(List.of(new SlackMessageRenderer.Item(finding.finding(),
                    finding.affectedResourcesTotal())), "priming", s.clock.instant()).toJson();
        });
        // No webhook client: the passed finding is dropped before a post could be attempted.
        SlackNotifierHandler handler = new SlackNotifierHandler(secret, null, s.log(SlackNotifierHandler.SERVICE),
                s.metrics(SlackNotifierHandler.SERVICE), s.clock);
        s.step("handle " + SLACK_EVENT + " as a passed finding", () -> handler.handleRequest(
                new ByteArrayInputStream(passed(Priming.Session.event(SLACK_EVENT))), s.output(), null));
    }

    static SecurityHubExporterHandler securityHubExporterHandler(Priming.Session s) {
        return new SecurityHubExporterHandler(new SecurityHubExport(s.client(SecurityHubClient.builder())),
                s.log(SecurityHubExporterHandler.SERVICE), s.metrics(SecurityHubExporterHandler.SERVICE));
    }

    static void securityHubExporter(Priming.Session s) {
        SecurityHubExporterHandler handler = securityHubExporterHandler(s);
        s.step("handle sqs/securityhub-export-batch.json", () -> handler.handleRequest(
                new ByteArrayInputStream(Priming.Session.event("sqs/securityhub-export-batch.json")), s.output(),
                null));
    }

    /** The SNS event with each record's finding turned into a passed one, which the notifier never posts. */
    private static byte[] passed(byte[] event) throws IOException {
        JsonNode root = Json.MAPPER.readTree(event);
        for (JsonNode record : root.get("Records")) {
            ObjectNode sns = (ObjectNode) Json.field(record, "Sns");
            ObjectNode finding = (ObjectNode) Json.MAPPER.readTree(Json.text(sns, "Message"));
            finding.put("status", "PASSED");
            sns.put("Message", finding.toString());
        }
        return Json.MAPPER.writeValueAsBytes(root);
    }
}
