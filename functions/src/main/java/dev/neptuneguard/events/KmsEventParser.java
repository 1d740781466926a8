package dev.neptuneguard.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;

/**
 * KMS CloudTrail records and KMS's own EventBridge events. The key is taken from the response
 * ({@code keyId} is an ARN there), else the record's {@code resources}, else the request (which may hold
 * an id, ARN, alias or alias ARN: the core resolves it).
 */
final class KmsEventParser {

    private KmsEventParser() {
    }

    static EventOutcome parse(EventParser.Envelope env) {
        String name = env.eventName();
        String eventId = env.cloudTrailEventId();
        KeyTrigger.Kind kind = KeyTrigger.Kind.ofEventName(name);
        if (kind == null || kind == KeyTrigger.Kind.KEY_DELETED || kind == KeyTrigger.Kind.KEY_MATERIAL_EXPIRED) {
            return new Ignored(IgnoreReason.UNSUPPORTED_EVENT_NAME, "KMS call " + name + " is not a trigger", eventId, name);
        }
        Ignored failed = env.failedCall();
        if (failed != null) {
            return failed;
        }
        JsonNode request = env.request();
        JsonNode response = env.response();
        String storeId = firstNonNull(Json.text(request, "customKeyStoreId"), Json.text(response, "customKeyStoreId"));
        String key = firstNonNull(Json.text(response, "keyId"), resourceArn(env.detail()), Json.text(request, "keyId"));
        boolean storeEvent = kind == KeyTrigger.Kind.KEY_STORE_DISCONNECTED || kind == KeyTrigger.Kind.KEY_STORE_CONNECTED;
        if (storeEvent ? storeId == null : key == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, name + " names no " + (storeEvent ? "custom key store" : "key"),
                    eventId, name);
        }
        Integer window = Json.integer(response, "pendingWindowInDays");
        if (window == null) {
            window = Json.integer(request, "pendingWindowInDays");
        }
        return new KeyTrigger(kind, eventId, name, env.eventTime(), env.accountOrRecipient(), env.regionOrAws(),
                env.principal(), key, storeId, Json.text(response, "keyState"), Json.text(response, "deletionDate"),
                window, grantId(env.detail(), request), Json.text(request, "policy"));
    }

    /** KMS's own events: {@code KMS CMK Deletion}, {@code KMS Imported Key Material Expiration}. */
    static EventOutcome parseNative(EventParser.Envelope env) {
        KeyTrigger.Kind kind = KeyTrigger.Kind.ofEventName(env.detailType());
        if (kind != KeyTrigger.Kind.KEY_DELETED && kind != KeyTrigger.Kind.KEY_MATERIAL_EXPIRED) {
            return new Ignored(IgnoreReason.UNSUPPORTED_DETAIL_TYPE, "KMS event '" + env.detailType() + "' is not handled",
                    env.id(), null);
        }
        String key = firstNonNull(firstText(env.resources()), Json.text(env.detail(), "key-id"));
        if (key == null) {
            return new Ignored(IgnoreReason.MISSING_FIELD, env.detailType() + " names no key", env.id(), null);
        }
        if (!key.startsWith("arn:") && env.account() != null && env.region() != null) {
            key = Arns.kmsKey(env.region(), env.account(), key);
        }
        return new KeyTrigger(kind, env.id(), env.detailType(), env.time(), env.account(), env.region(), "kms.amazonaws.com",
                key, null, null, null, null, null, null);
    }

    /** RevokeGrant logs the grant in the request; RetireGrant has no request and logs it in additionalEventData. */
    private static String grantId(JsonNode detail, JsonNode request) {
        JsonNode additional = Json.field(detail, "additionalEventData");
        return firstNonNull(Json.text(request, "grantId"), Json.text(additional, "grantId"));
    }

    private static String resourceArn(JsonNode detail) {
        JsonNode resources = Json.field(detail, "resources");
        if (resources == null || !resources.isArray()) {
            return null;
        }
        for (JsonNode r : resources) {
            String arn = Json.text(r, "ARN");
            if (arn != null && arn.contains(":key/")) {
                return arn;
            }
        }
        return null;
    }

    private static String firstText(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        for (JsonNode n : array) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
