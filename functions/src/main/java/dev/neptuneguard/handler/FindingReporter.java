package dev.neptuneguard.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What every event handler does with its result: one INFO line per evaluated event ({@code "event evaluated"},
 * with the counts of failed, exempt, passed and not-applicable results, also when every rule passed), one
 * structured line per failed finding, one line per dropped event with its reason — each carrying the CloudTrail
 * eventID — EMF counters ({@code EventsDropped} by reason, {@code Findings} by severity), and the hand-off of the
 * findings to delivery.
 */
public final class FindingReporter {

    private final Log log;
    private final Metrics metrics;
    private final BiConsumer<String, List<Finding>> delivery;
    private final InvocationStart start = new InvocationStart();

    /**
     * @param delivery receives (eventId, findings) of each evaluated event: the alert dispatcher in production
     */
    public FindingReporter(Log log, Metrics metrics, BiConsumer<String, List<Finding>> delivery) {
        this.log = log;
        this.metrics = metrics;
        this.delivery = delivery;
    }

    /** The Lambda invocation's context for the log lines and the cold-start metric ({@code null} outside Lambda). */
    public void context(com.amazonaws.services.lambda.runtime.Context context) {
        start.begin(context, log, metrics);
    }

    public void report(EventOutcome outcome, List<Finding> findings) {
        log.eventId(outcome.eventId());
        if (outcome instanceof Ignored ignored) {
            log.info("event dropped", Map.of("reason", ignored.reason().name(), "why", ignored.message(),
                    "eventName", ignored.eventName() == null ? "" : ignored.eventName()));
            metrics.count("EventsDropped", "reason", ignored.reason().name(), 1);
            return;
        }
        report(outcome.eventId(), findings);
    }

    /** Reports the findings of an input that is not an EventBridge event (a reminder, a sweep run). */
    public void report(String id, List<Finding> findings) {
        log.eventId(id);
        metrics.count("EventsEvaluated", 1);
        for (Finding f : findings) {
            if (f.status() == ComplianceStatus.FAILED) {
                log.info("finding", "finding", FindingJson.toNode(f));
                metrics.count(f.suppressed() ? "FindingsSuppressed" : "Findings", "severity", f.severity().name(), 1);
            }
        }
        log.info("event evaluated", counts(findings));
        delivery.accept(id, findings);
    }

    /** What one evaluation found, for its log line: a clean event is logged too, with zero failed. */
    private static Map<String, Long> counts(List<Finding> findings) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("results", (long) findings.size());
        counts.put("failed", findings.stream().filter(Finding::actionable).count());
        counts.put("exempt", findings.stream().filter(f -> f.status() == ComplianceStatus.FAILED && f.suppressed())
                .count());
        counts.put("passed", findings.stream().filter(f -> f.status() == ComplianceStatus.PASSED).count());
        counts.put("notApplicable", findings.stream().filter(f -> f.status() == ComplianceStatus.NOT_APPLICABLE)
                .count());
        return counts;
    }

    /** A log line about what the handler did besides findings (protection, reminders, a sweep summary). */
    public void info(String message, Map<String, ?> fields) {
        log.info(message, fields);
    }

    /** A warning line, e.g. an input that was dropped before it could be parsed into an event. */
    public void warn(String message, Map<String, ?> fields) {
        log.warn(message, fields);
    }

    /** Adds to a counter, with one optional dimension ({@code null} for none). */
    public void count(String name, String dimension, String value, double amount) {
        metrics.count(name, dimension, value, amount);
    }

    /**
     * Records an evaluation that failed (an AWS fault, a resource not visible yet). The caller rethrows, so
     * Lambda retries the event and, when the fault persists, sends it to the dead-letter queue.
     */
    public void failed(EventOutcome outcome, RuntimeException e) {
        log.eventId(outcome.eventId());
        log.error("evaluation failed; the event will be retried", Map.of("error", e.getClass().getSimpleName(),
                "why", String.valueOf(e.getMessage())));
        metrics.count("EvaluationFailures", "error", e.getClass().getSimpleName(), 1);
    }

    public void flush() {
        metrics.flush();
        log.eventId(null);
    }

    /** The invocation's result document: what was done with the event. */
    public String summary(EventOutcome outcome, List<Finding> findings) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("eventId", outcome.eventId());
        if (outcome instanceof Ignored ignored) {
            n.put("status", "dropped");
            n.put("reason", ignored.reason().name());
        } else {
            n.put("status", "evaluated");
            n.put("failed", findings.stream().filter(Finding::actionable).count());
            n.put("passed", findings.stream().filter(f -> f.status() == ComplianceStatus.PASSED).count());
        }
        return n.toString();
    }
}
