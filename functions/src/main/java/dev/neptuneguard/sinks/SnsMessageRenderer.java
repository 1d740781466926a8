package dev.neptuneguard.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a finding as one SNS publication with per-protocol bodies ({@code MessageStructure=json}):
 * <ul>
 *   <li>{@code default} — a one-paragraph text (also what SMS and unknown protocols get);</li>
 *   <li>{@code email} — the readable message of {@link EmailMessageRenderer};</li>
 *   <li>{@code sqs}, {@code lambda} — the finding JSON of {@link FindingJson} (the CLI's {@code --format json}
 *       contract). When the affected resources are cut to fit, the list holds the first ones and
 *       {@code affectedResourcesTotal} gives the full count;</li>
 *   <li>{@code https} — the Amazon Q Developer in chat / Chatbot notification of {@link ChatbotMessageRenderer}.</li>
 * </ul>
 * The whole publication stays under SNS's 256 KiB: long resource lists are cut ("… and N more") and, if still too
 * large, long texts too. Pure: the CLI's {@code replay --render} prints exactly what subscribers would receive.
 */
public final class SnsMessageRenderer {

    /** SNS's limit for message + subject + attributes. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final int[] RESOURCE_CAPS = {100, 50, 20, 5, 0};
    private static final int FULL_TEXT = 20_000;
    private static final int SHORT_TEXT = 2_000;

    private SnsMessageRenderer() {
    }

    public static SnsMessage render(Finding f, String eventId, Instant now) {
        SnsMessage last = null;
        for (int textCap : new int[] {FULL_TEXT, SHORT_TEXT}) {
            for (int cap : RESOURCE_CAPS) {
                last = render(f, eventId, now, cap, textCap);
                if (last.sizeBytes() <= MAX_BYTES) {
                    return last;
                }
            }
        }
        throw new IllegalStateException("finding " + f.stableId() + " does not fit in an SNS message even when cut ("
                + last.sizeBytes() + " bytes)");
    }

    static SnsMessage render(Finding f, String eventId, Instant now, int resourceCap, int textCap) {
        ObjectNode bodies = Json.MAPPER.createObjectNode();
        bodies.put("default", shortText(f, now));
        bodies.put("email", EmailMessageRenderer.render(f, eventId, now, resourceCap, textCap));
        String json = write(findingJson(f, resourceCap, textCap));
        bodies.put("sqs", json);
        bodies.put("lambda", json);
        bodies.put("https", write(ChatbotMessageRenderer.render(f, eventId, now, Math.min(textCap, SHORT_TEXT))));
        return new SnsMessage(subject(f), write(bodies), attributes(f, eventId));
    }

    /**
     * {@code [CRITICAL] 111122223333: <title>}, made SNS-legal (ASCII, one line, at most 100 characters): the account
     * first, visible at a glance in an inbox fed by many accounts. When the account would push the end of the title
     * past the limit (a reminder's "deleted in 6 days"), the title wins and the account stays in the message
     * attributes and the body.
     */
    public static String subject(Finding f) {
        String title = "[" + f.severity() + "] " + f.title();
        String withAccount = "[" + f.severity() + "] " + Text.accountPrefix(f) + f.title();
        return Text.snsSubject(Text.fitsSnsSubject(withAccount) ? withAccount : title);
    }

    /** The attributes subscribers filter on (e.g. the Slack subscription's minimum severity). */
    public static Map<String, String> attributes(Finding f, String eventId) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("severity", f.severity().name());
        a.put("ruleId", f.ruleId().name());
        a.put("status", f.status().name());
        a.put("account", f.account());
        a.put("region", f.region());
        a.put("resourceType", f.resourceType().awsType());
        a.put("eventId", eventId);
        a.values().removeIf(v -> v == null || v.isEmpty());
        return a;
    }

    /**
     * The finding JSON with at most {@code cap} affected resources (and, when cut, the full count in
     * {@code affectedResourcesTotal}) and detail and remediation of at most {@code textCap} characters.
     */
    public static ObjectNode findingJson(Finding f, int cap, int textCap) {
        ObjectNode node = FindingJson.toNode(f);
        node.put("detail", Text.cap(f.detail(), textCap));
        node.put("remediation", Text.cap(f.remediation(), textCap));
        int total = f.affectedResources().size();
        if (total > cap) {
            ArrayNode list = node.putArray("affectedResources");
            f.affectedResources().stream().limit(cap).forEach(list::add);
            node.put("affectedResourcesTotal", total);
        }
        return node;
    }

    static String shortText(Finding f, Instant now) {
        StringBuilder b = new StringBuilder("[").append(f.severity()).append("] ").append(f.title()).append('.');
        if (!f.affectedResources().isEmpty()) {
            b.append(' ').append(Text.count(f.affectedResources().size())).append(" Neptune resource")
                    .append(f.affectedResources().size() == 1 ? "" : "s").append(" affected.");
        }
        if (f.deletionDate() != null) {
            b.append(" Key deletion ").append(Countdown.withDate(f.deletionDate(), now)).append('.');
        }
        b.append(" Rule ").append(f.ruleId()).append(", account ").append(f.account()).append(", region ")
                .append(f.region()).append('.');
        return b.toString();
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize SNS body", e);
        }
    }
}
