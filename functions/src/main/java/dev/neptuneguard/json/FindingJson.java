package dev.neptuneguard.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.model.Finding;

/**
 * The public JSON form of a {@link Finding}: one object per finding, the same in the CLI's
 * {@code --format json}, the SNS {@code sqs}/{@code lambda} bodies and the Lambda logs. Field order is fixed;
 * optional fields are omitted when empty.
 */
public final class FindingJson {

    private FindingJson() {
    }

    public static ObjectNode toNode(Finding f) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("ruleId", f.ruleId().name());
        n.put("severity", f.severity().name());
        n.put("status", f.status().name());
        n.put("resourceType", f.resourceType().awsType());
        n.put("resourceArn", f.resourceArn());
        putIfPresent(n, "resourceId", f.resourceId());
        putIfPresent(n, "resourceName", f.resourceName());
        n.put("account", f.account());
        n.put("region", f.region());
        n.put("title", f.title());
        n.put("detail", f.detail());
        n.put("remediation", f.remediation());
        putIfPresent(n, "keyArn", f.keyArn());
        putIfPresent(n, "keyState", f.keyState());
        if (f.deletionDate() != null) {
            n.put("deletionDate", f.deletionDate().toString());
        }
        if (!f.affectedResources().isEmpty()) {
            ArrayNode a = n.putArray("affectedResources");
            f.affectedResources().forEach(a::add);
        }
        if (f.suppressed()) {
            n.put("suppressed", true);
            n.put("suppressionReason", f.suppressionReason());
        }
        n.put("findingId", f.stableId());
        return n;
    }

    /** One line of JSON, no trailing newline. */
    public static String toLine(Finding f) {
        try {
            return Json.MAPPER.writeValueAsString(toNode(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize finding " + f.stableId(), e);
        }
    }

    private static void putIfPresent(ObjectNode n, String name, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(name, value);
        }
    }
}
