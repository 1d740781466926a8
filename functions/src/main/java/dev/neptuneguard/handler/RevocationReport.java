package dev.neptuneguard.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.revocation.RevocationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Logging, counting and the response body shared by the key handlers, so each handler stays an adapter. Every
 * finding is logged whole (the finding JSON contract); a dropped event is logged with its reason and counted
 * under {@code EventsDropped}.
 */
final class RevocationReport {

    static final String NAMESPACE = "NeptuneGuard";

    private RevocationReport() {
    }

    static void findings(Log log, Metrics metrics, List<Finding> findings) {
        for (Finding f : findings) {
            log.info("finding", "finding", FindingJson.toNode(f));
            metrics.count("Findings", "ruleId", f.ruleId().name(), 1);
        }
    }

    static void dropped(Log log, Metrics metrics, Ignored ignored) {
        log.info("event dropped", Map.of("reason", ignored.reason().name(), "why", ignored.message()));
        metrics.count("EventsDropped", "reason", ignored.reason().name(), 1);
    }

    static void result(Log log, Metrics metrics, RevocationResult r) {
        if (r.ignored() != null) {
            dropped(log, metrics, r.ignored());
        } else if (r.findings().isEmpty() && !r.note().isEmpty()) {
            log.info(r.note(), Map.of());
        }
        findings(log, metrics, r.findings());
        if (r.protection().worthSaying()) {
            log.info("protection", Map.of("outcome", r.protection().status().name(), "steps", r.protection().steps(),
                    "message", r.protection().message()));
            metrics.count("Protection", "outcome", r.protection().status().name(), 1);
        }
        metrics.count("RemindersCreated", r.remindersCreated());
        metrics.count("RemindersDeleted", r.remindersDeleted());
    }

    /** The function's response: a summary a caller (or a test, or the CLI) can read. */
    static void write(OutputStream out, RevocationResult r) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("findings", r.findings().size());
        if (r.ignored() != null) {
            n.put("ignored", r.ignored().reason().name());
        }
        n.put("protection", r.protection().status().name());
        n.put("remindersCreated", r.remindersCreated());
        n.put("remindersDeleted", r.remindersDeleted());
        write(out, n);
    }

    static void write(OutputStream out, ObjectNode body) throws IOException {
        out.write(Json.MAPPER.writeValueAsBytes(body));
        out.flush();
    }
}
