package dev.neptuneguard.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Turns a raw EventBridge event into an {@link EventOutcome}. Never throws on bad input: anything it cannot
 * use comes back as {@link Ignored} with a reason. CloudTrail API-call events are routed by
 * {@code source}; KMS's own events ({@code KMS CMK Deletion}, ...) by {@code detail-type}.
 */
public final class EventParser {

    public static final String CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

    private EventParser() {
    }

    /**
     * Parses one event given as text. The text must hold exactly one JSON document: anything after it (a second
     * event, garbage) is {@link IgnoreReason#MALFORMED_JSON}, so that only a whole input is ever evaluated.
     */
    public static EventOutcome parse(String json) {
        if (json == null || json.isBlank()) {
            return new Ignored(IgnoreReason.MALFORMED_JSON, "empty input: expected one event (a JSON object)", null,
                    null);
        }
        JsonNode root;
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            root = Json.MAPPER.readTree(parser);
            JsonLocation end = parser.currentTokenLocation();
            try {
                if (parser.nextToken() != null) {
                    return new Ignored(IgnoreReason.MALFORMED_JSON, "more than one JSON document: another one starts "
                            + "at line " + parser.currentTokenLocation().getLineNr() + ", column "
                            + parser.currentTokenLocation().getColumnNr() + " (one event per input)", null, null);
                }
            } catch (JsonProcessingException e) {
                return new Ignored(IgnoreReason.MALFORMED_JSON, "content after the event (which ends at line "
                        + end.getLineNr() + ", column " + end.getColumnNr() + ") is not valid JSON: "
                        + firstLine(e.getOriginalMessage()), null, null);
            }
        } catch (JsonProcessingException e) {
            return new Ignored(IgnoreReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()),
                    null, null);
        } catch (IOException e) {
            // Text in memory: only a parser failure can get here, and it is a JsonProcessingException.
            throw new UncheckedIOException(e);
        }
        return parse(root);
    }

    public static EventOutcome parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Ignored(IgnoreReason.MALFORMED_JSON, "the event is not a JSON object", null, null);
        }
        Envelope env = Envelope.of(root);
        if (env.source() == null || env.detailType() == null || env.detail() == null || !env.detail().isObject()) {
            return new Ignored(IgnoreReason.NOT_AN_EVENT,
                    "not an EventBridge event: 'source', 'detail-type' and an object 'detail' are required", null, null);
        }
        if (CLOUDTRAIL_API_CALL.equals(env.detailType())) {
            return switch (env.source()) {
                case "aws.rds" -> RdsEventParser.parse(env);
                case "aws.kms" -> KmsEventParser.parse(env);
                case "aws.neptune-graph" -> GraphEventParser.parse(env);
                default -> new Ignored(IgnoreReason.UNSUPPORTED_SOURCE, "events from " + env.source()
                        + " are not watched", env.cloudTrailEventId(), env.eventName());
            };
        }
        if ("aws.kms".equals(env.source())) {
            return KmsEventParser.parseNative(env);
        }
        return new Ignored(IgnoreReason.UNSUPPORTED_DETAIL_TYPE, "detail-type '" + env.detailType()
                + "' from " + env.source() + " is not handled", env.id(), null);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The EventBridge envelope and the CloudTrail record inside it. */
    record Envelope(String id, String source, String detailType, String account, String region, Instant time,
                    JsonNode resources, JsonNode detail) {

        static Envelope of(JsonNode root) {
            return new Envelope(Json.text(root, "id"), Json.text(root, "source"), Json.text(root, "detail-type"),
                    Json.text(root, "account"), Json.text(root, "region"), Json.instant(root, "time"),
                    Json.field(root, "resources"), Json.field(root, "detail"));
        }

        String cloudTrailEventId() {
            String ct = Json.text(detail, "eventID");
            return ct != null ? ct : id;
        }

        String eventName() {
            return Json.text(detail, "eventName");
        }

        String accountOrRecipient() {
            String recipient = Json.text(detail, "recipientAccountId");
            return account != null ? account : recipient;
        }

        String regionOrAws() {
            return region != null ? region : Json.text(detail, "awsRegion");
        }

        Instant eventTime() {
            Instant t = Json.instant(detail, "eventTime");
            return t != null ? t : time;
        }

        String principal() {
            JsonNode identity = Json.field(detail, "userIdentity");
            String arn = Json.text(identity, "arn");
            if (arn != null) {
                return arn;
            }
            String invokedBy = Json.text(identity, "invokedBy");
            return invokedBy != null ? invokedBy : Json.text(identity, "type");
        }

        JsonNode request() {
            return Json.field(detail, "requestParameters");
        }

        JsonNode response() {
            return Json.field(detail, "responseElements");
        }

        /** Common checks for CloudTrail records; returns an Ignored when the call failed. */
        Ignored failedCall() {
            String errorCode = Json.text(detail, "errorCode");
            if (errorCode != null) {
                String msg = Json.text(detail, "errorMessage");
                return new Ignored(IgnoreReason.FAILED_CALL, eventName() + " failed with " + errorCode
                        + (msg == null ? "" : ": " + msg) + "; nothing changed", cloudTrailEventId(), eventName());
            }
            return null;
        }
    }
}
