package dev.neptuneguard.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJsonReader;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One finding on its way to Security Hub: the body of a message on the Security Hub queue, written by
 * {@link SecurityHubQueueSink} in the guard functions and read by the exporter. It carries what the ASFF mapping
 * needs besides the finding, so the exporter imports exactly what a direct import at observation time would have:
 *
 * <pre>{@code
 * {"version": 1, "eventId": "<CloudTrail eventID>", "trigger": "CreateDBCluster",
 *  "observedAt": "2026-11-23T10:00:00Z",
 *  "firstSeen": {"neptune-guard/<ruleId>/<arn>": "2026-11-20T08:00:00Z", ...},
 *  "finding": { finding JSON, affected resources cut to fit, "affectedResourcesTotal" when cut }}
 * }</pre>
 *
 * {@code observedAt} becomes {@code UpdatedAt}; {@code firstSeen} holds the {@code CreatedAt} of every Security
 * Hub finding the finding becomes ({@link SecurityHubFindings#ids}). A body stays within SQS's 256 KiB: the
 * affected resources are cut to the first ones (the ASFF finding lists at most 32 in {@code Resources} and 2,000
 * characters more in {@code ProductFields}, so 200 lose nothing) and, if still too large, long texts too.
 *
 * @param affectedTotal the full number of affected resources, at least {@code finding.affectedResources().size()}
 */
public record SecurityHubMessage(String eventId, String trigger, Instant observedAt, Map<String, Instant> firstSeen,
                                 Finding finding, int affectedTotal) {

    public static final int VERSION = 1;
    /** SQS's limit for one message, and for the sum of one {@code SendMessageBatch}. */
    public static final int MAX_BYTES = 256 * 1024;
    /** (affected resources kept, characters of detail and remediation kept), tried in order until the body fits. */
    private static final int[][] CAPS = {{200, 20_000}, {40, 2_000}};

    public SecurityHubMessage {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId is required");
        }
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(finding, "finding");
        firstSeen = Map.copyOf(firstSeen);
        affectedTotal = Math.max(affectedTotal, finding.affectedResources().size());
    }

    /** A message for {@code finding} observed in {@code context}, with the first sightings of its ids. */
    public static SecurityHubMessage of(Finding finding, DeliveryContext context, Map<String, Instant> firstSeen) {
        return new SecurityHubMessage(context.eventId(), context.trigger(), context.now(), firstSeen, finding,
                finding.affectedResources().size());
    }

    /** When the Security Hub finding {@code id} was first seen; the observation itself if not recorded. */
    public Instant createdAt(String id) {
        return firstSeen.getOrDefault(id, observedAt);
    }

    /**
     * The message body, cut to fit.
     *
     * @throws MessageTooLargeException when even the shortest form exceeds {@link #MAX_BYTES}
     */
    public String toJson() {
        int size = 0;
        for (int[] cap : CAPS) {
            String body = write(cap[0], cap[1]);
            size = body.getBytes(StandardCharsets.UTF_8).length;
            if (size <= MAX_BYTES) {
                return body;
            }
        }
        throw new MessageTooLargeException("finding " + finding.stableId() + " does not fit in a Security Hub "
                + "queue message even when cut (" + size + " bytes, at most " + MAX_BYTES + ")");
    }

    private String write(int resourceCap, int textCap) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("version", VERSION);
        n.put("eventId", eventId);
        if (trigger != null) {
            n.put("trigger", trigger);
        }
        n.put("observedAt", observedAt.toString());
        ObjectNode seen = n.putObject("firstSeen");
        new TreeMap<>(firstSeen).forEach((id, at) -> seen.put(id, at.toString()));
        ObjectNode f = SnsMessageRenderer.findingJson(finding, resourceCap, textCap);
        if (affectedTotal > finding.affectedResources().size()) {
            f.put("affectedResourcesTotal", affectedTotal);
        }
        n.set("finding", f);
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the Security Hub message of " + finding.stableId(), e);
        }
    }

    /**
     * Reads a message body back.
     *
     * @throws IllegalArgumentException saying what is wrong, for a body that is not such a message (a poison
     *                                  message: retrying cannot help)
     */
    public static SecurityHubMessage parse(String body) {
        JsonNode n;
        try {
            n = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body is not JSON", e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("message body is not a JSON object");
        }
        Integer version = Json.integer(n, "version");
        if (version == null || version != VERSION) {
            throw new IllegalArgumentException("unsupported message version " + Json.text(n, "version"));
        }
        String eventId = Json.text(n, "eventId");
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("message has no eventId");
        }
        Instant observedAt = instant(Json.text(n, "observedAt"), "observedAt");
        Map<String, Instant> seen = new LinkedHashMap<>();
        JsonNode first = Json.field(n, "firstSeen");
        if (first != null && first.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = first.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                seen.put(e.getKey(), instant(e.getValue().asText(), "firstSeen." + e.getKey()));
            }
        }
        FindingJsonReader.Result read = FindingJsonReader.read(Json.field(n, "finding"));
        return new SecurityHubMessage(eventId, Json.text(n, "trigger"), observedAt, seen, read.finding(),
                read.affectedResourcesTotal());
    }

    private static Instant instant(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException("message has no " + field);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: '" + text + "'", e);
        }
    }

    /** A finding whose message would exceed SQS's size limit even when cut: it cannot be queued. */
    public static final class MessageTooLargeException extends RuntimeException {
        public MessageTooLargeException(String message) {
            super(message);
        }
    }
}
