package dev.neptuneguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.neptuneguard.cli.report.AsffDocument;
import dev.neptuneguard.cli.report.FindingText;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.AlertPolicy;
import dev.neptuneguard.sinks.SlackMessageRenderer;
import dev.neptuneguard.sinks.SnsMessage;
import dev.neptuneguard.sinks.SnsMessageRenderer;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * {@code replay --render}: prints, without sending anything, exactly what each sink would deliver for the
 * findings of one event, using the sinks' own renderers: the SNS publication (subject, message attributes
 * and the per-protocol bodies of {@code MessageStructure=json}: default, email, sqs/lambda, and https = the
 * Amazon Q Developer in chat / Chatbot custom notification), the Slack Block Kit body, and the Security Hub
 * ASFF findings. Which findings each sink receives follows the sinks' own rules ({@link AlertPolicy}).
 */
final class SinkPreview {

    private SinkPreview() {
    }

    static void print(List<Finding> findings, String eventId, Instant now, PrintWriter out) {
        List<Finding> alerts = findings.stream().filter(f -> AlertPolicy.alerts(f, Severity.LOW)).toList();
        if (alerts.isEmpty()) {
            out.println("== SNS / e-mail / Chatbot / Slack: nothing to send (no failed, non-exempt finding)");
        }
        for (Finding f : alerts) {
            SnsMessage sns = SnsMessageRenderer.render(f, eventId, now);
            out.println("== SNS Publish for " + f.ruleId() + " " + Text.visible(f.resourceName()) + " ("
                    + sns.sizeBytes() + " bytes of 262,144)");
            out.println("Subject: " + Text.visible(sns.subject()));
            out.println("MessageAttributes: " + Text.visible(String.valueOf(sns.attributes())));
            JsonNode bodies = parse(sns.message());
            bodies.fields().forEachRemaining(body -> {
                out.println("-- protocol '" + body.getKey() + "':");
                JsonNode inner = parse(body.getValue().asText());
                out.println(inner == null ? FindingText.prose(f, body.getValue().asText()) : pretty(inner));
            });
            out.println("== Slack incoming-webhook body for " + f.ruleId() + " " + Text.visible(f.resourceName()));
            out.println(pretty(parse(SlackMessageRenderer.render(f, eventId, now).toJson())));
        }
        List<Finding> toSecurityHub = findings.stream().filter(f -> AlertPolicy.forSecurityHub(f, Severity.LOW))
                .toList();
        ArrayNode asff = Json.MAPPER.createArrayNode();
        AsffDocument.findings(toSecurityHub, now, eventId).forEach(asff::add);
        out.println("== Security Hub BatchImportFindings (" + asff.size() + " findings)");
        out.println(pretty(asff));
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Pretty JSON for the terminal. JSON escapes C0 controls itself; C1 controls, DEL and the bidirectional marks
     * can only stand inside strings, where their JSON escape means the same and cannot drive the terminal.
     */
    private static String pretty(JsonNode node) {
        try {
            return Text.jsonEscapeControls(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a rendered payload", e);
        }
    }
}
