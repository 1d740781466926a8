package dev.neptuneguard.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the public finding JSON ({@link FindingJson}) back into a {@link Finding}: what the Slack notifier gets
 * from SNS, and what a user may pipe from {@code --format json}. Tolerates unknown fields; a missing required
 * field or an unknown rule id is a clear {@link IllegalArgumentException}.
 */
public final class FindingJsonReader {

    /**
     * @param affectedResourcesTotal the full number of affected resources; larger than the finding's list when the
     *                               producer cut it to fit a message ({@code affectedResourcesTotal})
     */
    public record Result(Finding finding, int affectedResourcesTotal) {
    }

    private FindingJsonReader() {
    }

    public static Result read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("finding JSON must be an object");
        }
        RuleId rule = enumValue(RuleId.class, required(n, "ruleId"), "ruleId");
        Severity severity = Severity.parse(required(n, "severity"));
        ComplianceStatus status = enumValue(ComplianceStatus.class, required(n, "status"), "status");
        ResourceType type = resourceType(required(n, "resourceType"));
        List<String> affected = new ArrayList<>();
        JsonNode list = n.get("affectedResources");
        if (list != null && list.isArray()) {
            list.forEach(a -> affected.add(a.asText()));
        }
        Instant deletion = Json.instant(n, "deletionDate");
        boolean suppressed = Boolean.TRUE.equals(Json.bool(n, "suppressed"));
        Finding f = new Finding(rule, severity, status, type, required(n, "resourceArn"), Json.text(n, "resourceId"),
                Json.text(n, "resourceName"), Json.text(n, "account"), Json.text(n, "region"), required(n, "title"),
                orEmpty(Json.text(n, "detail")), orEmpty(Json.text(n, "remediation")), Json.text(n, "keyArn"),
                Json.text(n, "keyState"), deletion, affected, suppressed, Json.text(n, "suppressionReason"));
        Integer total = Json.integer(n, "affectedResourcesTotal");
        return new Result(f, total == null ? affected.size() : Math.max(total, affected.size()));
    }

    private static String required(JsonNode n, String name) {
        String v = Json.text(n, name);
        if (v == null) {
            throw new IllegalArgumentException("finding JSON has no '" + name + "'");
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static ResourceType resourceType(String text) {
        for (ResourceType t : ResourceType.values()) {
            if (t.awsType().equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown resourceType '" + text + "'");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + field + " '" + text + "'", e);
        }
    }
}
