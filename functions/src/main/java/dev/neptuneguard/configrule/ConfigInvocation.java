package dev.neptuneguard.configrule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One AWS Config custom Lambda rule invocation, read tolerantly. {@code invokingEvent} and
 * {@code ruleParameters} arrive as JSON <em>strings</em> (an object is accepted too); fields that newer
 * events add ({@code evaluationMode}) or older ones lack are optional. Only {@code invokingEvent} with a
 * known {@code messageType} and a {@code resultToken} are required, because without them nothing can be
 * evaluated or reported.
 *
 * @param ruleParameters the rule's parameters as strings; empty when absent
 * @param configurationItem {@code invokingEvent.configurationItem} (change notifications), else {@code null}
 * @param configurationItemSummary {@code invokingEvent.configurationItemSummary} (oversized), else {@code null}
 * @param notificationCreationTime when Config created the notification; {@code null} when absent
 */
public record ConfigInvocation(
        String version,
        MessageType messageType,
        JsonNode configurationItem,
        JsonNode configurationItemSummary,
        Instant notificationCreationTime,
        Map<String, String> ruleParameters,
        String resultToken,
        boolean eventLeftScope,
        String configRuleName,
        String configRuleArn,
        String accountId,
        String evaluationMode) {

    /** The result token Config uses when a rule is invoked for testing; evaluations then go in TestMode. */
    public static final String TEST_MODE_TOKEN = "TESTMODE";

    public ConfigInvocation {
        ruleParameters = ruleParameters == null ? Map.of() : Map.copyOf(ruleParameters);
    }

    /** True when PutEvaluations must be called with {@code TestMode=true}. */
    public boolean testMode() {
        return TEST_MODE_TOKEN.equals(resultToken);
    }

    public static ConfigInvocation parse(byte[] input) {
        return parse(new String(input, StandardCharsets.UTF_8));
    }

    public static ConfigInvocation parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidInvocationException("empty input: expected an AWS Config rule invocation");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidInvocationException("input is not JSON: " + e.getOriginalMessage(), e);
        }
        return parse(root);
    }

    public static ConfigInvocation parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInvocationException("input is not a JSON object: expected an AWS Config rule invocation");
        }
        JsonNode invoking = embeddedObject(root, "invokingEvent");
        if (invoking == null) {
            throw new InvalidInvocationException("no invokingEvent: this is not an AWS Config rule invocation");
        }
        String typeName = Json.text(invoking, "messageType");
        MessageType type = MessageType.ofWireName(typeName);
        if (type == null) {
            throw new InvalidInvocationException("unsupported invokingEvent.messageType '" + typeName + "'");
        }
        String token = Json.text(root, "resultToken");
        if (token == null) {
            throw new InvalidInvocationException("no resultToken: evaluations could not be reported");
        }
        JsonNode item = Json.field(invoking, "configurationItem");
        JsonNode summary = Json.field(invoking, "configurationItemSummary");
        if (type == MessageType.CONFIGURATION_ITEM_CHANGE && (item == null || !item.isObject())) {
            throw new InvalidInvocationException(type.wireName() + " without a configurationItem object");
        }
        if (type == MessageType.OVERSIZED_CONFIGURATION_ITEM_CHANGE && (summary == null || !summary.isObject())) {
            throw new InvalidInvocationException(type.wireName() + " without a configurationItemSummary object");
        }
        return new ConfigInvocation(
                Json.text(root, "version"),
                type,
                item,
                summary,
                Json.instant(invoking, "notificationCreationTime"),
                ruleParameters(root),
                token,
                Boolean.TRUE.equals(Json.bool(root, "eventLeftScope")),
                Json.text(root, "configRuleName"),
                Json.text(root, "configRuleArn"),
                firstNonNull(Json.text(root, "accountId"), Json.text(invoking, "awsAccountId")),
                Json.text(root, "evaluationMode"));
    }

    /**
     * Rule parameters as a map of strings. Config stores them as a JSON object of strings; numbers and
     * booleans are taken as their text and arrays are joined with commas, so a hand-written
     * {@code ["arn1","arn2"]} means the same as {@code "arn1,arn2"}.
     */
    static Map<String, String> ruleParameters(JsonNode root) {
        JsonNode raw = Json.field(root, "ruleParameters");
        if (raw == null || raw.isTextual() && raw.asText().isBlank()) {
            return Map.of();
        }
        JsonNode params = raw;
        if (raw.isTextual()) {
            try {
                params = Json.MAPPER.readTree(raw.asText());
            } catch (IOException e) {
                throw new RuleParametersException("ruleParameters is not JSON: " + e.getMessage());
            }
        }
        if (params == null || params.isNull()) {
            return Map.of();
        }
        if (!params.isObject()) {
            throw new RuleParametersException("ruleParameters must be a JSON object of strings, got "
                    + params.getNodeType());
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode element : v) {
                    if (element.isContainerNode()) {
                        throw new RuleParametersException("rule parameter " + e.getKey() + " has a nested value");
                    }
                    joined.append(joined.isEmpty() ? "" : ",").append(element.asText());
                }
                out.put(e.getKey(), joined.toString());
            } else if (v.isObject()) {
                throw new RuleParametersException("rule parameter " + e.getKey() + " must be a string, got an object");
            } else {
                out.put(e.getKey(), v.asText());
            }
        }
        return out;
    }

    /** A child that is a JSON object, given inline or as a string holding JSON; {@code null} if neither. */
    private static JsonNode embeddedObject(JsonNode parent, String name) {
        JsonNode v = Json.field(parent, name);
        if (v == null) {
            return null;
        }
        if (v.isObject()) {
            return v;
        }
        if (v.isTextual()) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(v.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (IOException e) {
                throw new InvalidInvocationException(name + " is not JSON: " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
