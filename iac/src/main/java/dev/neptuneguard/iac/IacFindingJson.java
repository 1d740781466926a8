package dev.neptuneguard.iac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;

/**
 * An {@link IacFinding} in the finding contract's JSON: the core's fields, with {@code resourceType} the
 * CloudFormation or Terraform type, {@code resourceId} the logical id or address, no ARN (nothing is deployed yet),
 * and {@code file} and {@code line} (when known) added.
 */
public final class IacFindingJson {

    private IacFindingJson() {
    }

    public static ObjectNode toNode(IacFinding f) {
        ObjectNode n = FindingJson.toNode(f.finding());
        n.put("resourceType", f.codeType());
        n.remove("resourceArn");
        n.put("file", f.source().file());
        if (f.source().line() != null) {
            n.put("line", f.source().line());
        }
        n.put("findingId", f.stableId());
        return n;
    }

    public static String toLine(IacFinding f) {
        try {
            return Json.MAPPER.writeValueAsString(toNode(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize finding " + f.stableId(), e);
        }
    }
}
