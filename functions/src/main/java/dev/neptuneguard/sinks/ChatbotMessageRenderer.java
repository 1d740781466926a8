package dev.neptuneguard.sinks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The Amazon Q Developer in chat applications (formerly AWS Chatbot) custom notification for a finding:
 * {@code version} "1.0", {@code source} "custom", {@code content} with client-markdown title, description and next
 * steps, and {@code metadata.threadId} = the key ARN for key findings, else the resource ARN, so that every update
 * about one key or cluster lands in the same chat thread. Payloads outside this schema are dropped silently by
 * the service, hence a test on the required fields.
 */
public final class ChatbotMessageRenderer {

    private static final int MAX_NEXT_STEPS = 8;
    private static final int MAX_RELATED = 20;
    private static final int DESCRIPTION_RESOURCES = 10;

    private ChatbotMessageRenderer() {
    }

    public static ObjectNode render(Finding f, String eventId, Instant now, int textCap) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.put("source", "custom");
        ObjectNode content = root.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", Text.cap(emoji(f) + " " + f.severity() + ": " + Text.mrkdwn(f.title()), 250));
        content.put("description", description(f, now, textCap));
        ArrayNode steps = content.putArray("nextSteps");
        nextSteps(f, textCap).forEach(steps::add);
        ArrayNode keywords = content.putArray("keywords");
        keywords.add(f.severity().name()).add(f.ruleId().name()).add(f.region());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("threadId", threadId(f));
        metadata.put("summary", Text.cap(f.severity() + " " + f.ruleId() + " on " + Text.shortName(f.resourceArn()),
                200));
        metadata.put("eventType", f.ruleId().name());
        ArrayNode related = metadata.putArray("relatedResources");
        related.add(f.resourceArn());
        if (f.keyArn() != null && !f.keyArn().equals(f.resourceArn())) {
            related.add(f.keyArn());
        }
        f.affectedResources().stream().limit(MAX_RELATED).forEach(related::add);
        ObjectNode context = metadata.putObject("additionalContext");
        context.put("account", f.account());
        context.put("region", f.region());
        context.put("findingId", f.stableId());
        context.put("eventId", eventId);
        return root;
    }

    /** One thread per key for key findings, per resource otherwise. */
    public static String threadId(Finding f) {
        String subject = f.resourceType() == ResourceType.KEY && f.keyArn() != null ? f.keyArn() : f.resourceArn();
        return "neptune-guard/" + subject;
    }

    private static String description(Finding f, Instant now, int textCap) {
        StringBuilder b = new StringBuilder(Text.mrkdwn(Text.cap(f.detail(), textCap)));
        b.append("\n*Account* ").append(f.account()).append(" · *Region* ").append(f.region());
        if (f.deletionDate() != null) {
            b.append("\n*Key deletion* ").append(Countdown.withDate(f.deletionDate(), now));
        }
        if (!f.affectedResources().isEmpty()) {
            b.append("\n*Affected resources (").append(Text.count(f.affectedResources().size())).append(")*");
            for (String line : Text.firstWithMore(f.affectedResources(), DESCRIPTION_RESOURCES)) {
                b.append("\n• ").append(line.startsWith("arn:") ? Text.code(line) : Text.mrkdwn(line));
            }
        }
        return b.toString();
    }

    private static List<String> nextSteps(Finding f, int textCap) {
        List<String> steps = new java.util.ArrayList<>();
        String fix = f.remediation() == null ? "" : Text.cap(f.remediation(), textCap);
        for (String line : fix.split("\n")) {
            if (!line.isBlank() && steps.size() < MAX_NEXT_STEPS) {
                steps.add(Text.mrkdwn(line.trim()));
            }
        }
        String cluster = ConsoleLinks.cluster(f.resourceArn());
        if (cluster != null) {
            steps.add("<" + cluster + "|Open the cluster in the Neptune console>");
        }
        String key = ConsoleLinks.key(f.keyArn() != null ? f.keyArn() : f.resourceArn());
        if (key != null) {
            steps.add("<" + key + "|Open the key in the KMS console>");
        }
        return steps;
    }

    static String emoji(Finding f) {
        if (AlertPolicy.isAllClear(f)) {
            return ":white_check_mark:";
        }
        return emoji(f.severity());
    }

    static String emoji(Severity s) {
        return switch (s) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":large_blue_circle:";
            case INFORMATIONAL -> ":white_circle:";
        };
    }
}
