package dev.neptuneguard.handler;

import dev.neptuneguard.sinks.DeliveryFailure;
import dev.neptuneguard.sinks.DispatchReport;
import dev.neptuneguard.sinks.FailureKind;
import dev.neptuneguard.sinks.SinkReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link DispatchReport} into log lines and counters, the same way in every handler: deliveries,
 * duplicates skipped, races, ledger trouble, dropped and retryable failures, and {@code SecurityHubNotEnabled}.
 */
public final class DeliveryReporting {

    private DeliveryReporting() {
    }

    public static void report(DispatchReport report, Log log, Metrics metrics) {
        for (SinkReport s : report.sinks()) {
            count(metrics, "AlertsDelivered", s.sink(), s.delivered());
            count(metrics, "DuplicateDeliveriesSkipped", s.sink(), s.alreadyDelivered());
            count(metrics, "DuplicateDeliveriesRaced", s.sink(), s.racedDuplicates());
            count(metrics, "DeliveryLedgerErrors", s.sink(), s.ledgerErrors());
            if (s.accepted() > 0) {
                log.info("delivered findings", fields(s));
            }
            if (s.racedDuplicates() > 0 || s.ledgerErrors() > 0) {
                log.warn("delivery ledger could not prevent a possible duplicate", fields(s));
            }
            for (DeliveryFailure f : s.failures()) {
                failure(f, log, metrics);
            }
        }
    }

    private static void failure(DeliveryFailure f, Log log, Metrics metrics) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sink", f.sink());
        fields.put("reason", f.reason());
        fields.put("error", f.message());
        fields.put("findingIds", f.findingIds());
        if ("SecurityHubNotEnabled".equals(f.reason())) {
            log.warn("Security Hub is not enabled in this account and region; findings were not imported", fields);
            metrics.count("SecurityHubNotEnabled", f.findingIds().size());
        } else if (f.kind() == FailureKind.DROPPED) {
            log.error("delivery failed and cannot succeed on retry; dropped", fields);
            count(metrics, "DeliveriesDropped", f.sink(), f.findingIds().size());
        } else {
            log.error("delivery failed; the invocation will be retried", fields);
            count(metrics, "DeliveryFailures", f.sink(), f.findingIds().size());
        }
    }

    private static Map<String, Object> fields(SinkReport s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sink", s.sink());
        m.put("accepted", s.accepted());
        m.put("alreadyDelivered", s.alreadyDelivered());
        m.put("delivered", s.delivered());
        m.put("racedDuplicates", s.racedDuplicates());
        m.put("ledgerErrors", s.ledgerErrors());
        return m;
    }

    private static void count(Metrics metrics, String name, String sink, int n) {
        if (n > 0) {
            metrics.count(name, "sink", sink, n);
        }
    }
}
