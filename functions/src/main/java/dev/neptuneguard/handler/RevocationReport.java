package dev.neptuneguard.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.revocation.RevocationResult;
import java.util.Map;

/**
 * What the key handlers add to {@link FindingReporter}: a line and a counter for what protection did, counters
 * for reminders created and deleted, and the invocation's summary document.
 */
final class RevocationReport {

    private RevocationReport() {
    }

    /** Logs and counts the side effects of a key event or reminder (the findings are reported separately). */
    static void sideEffects(FindingReporter reporter, RevocationResult r) {
        if (r.protection().worthSaying()) {
            reporter.info("protection", Map.of("outcome", r.protection().status().name(), "steps",
                    r.protection().steps(), "what", r.protection().message()));
            reporter.count("Protection", "outcome", r.protection().status().name(), 1);
        }
        if (r.findings().isEmpty() && r.ignored() == null && !r.note().isEmpty()) {
            reporter.info(r.note(), Map.of());
        }
        reporter.count("RemindersCreated", null, null, r.remindersCreated());
        reporter.count("RemindersDeleted", null, null, r.remindersDeleted());
    }

    static String summary(String id, RevocationResult r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", id);
        n.put("status", r.ignored() != null ? "dropped" : "evaluated");
        if (r.ignored() != null) {
            n.put("reason", r.ignored().reason().name());
        }
        n.put("findings", r.findings().size());
        n.put("protection", r.protection().status().name());
        n.put("remindersCreated", r.remindersCreated());
        n.put("remindersDeleted", r.remindersDeleted());
        return n.toString();
    }
}
