package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.List;

/**
 * A destination for findings (SNS topic, Security Hub, ...). Each sink decides which findings it wants
 * ({@link #accepts}) and delivers them independently of the other sinks; the {@link Dispatcher} records what was
 * delivered so that a retried or duplicated event sends nothing twice.
 *
 * <p>{@link #deliver} should report per-finding failures in its {@link SinkResult}; an exception it throws is
 * treated as a failure of every finding it was given and classified by {@link Faults}.
 */
public interface Sink {

    /** A stable name: part of the delivery record key and a metric dimension. */
    String name();

    /** Findings below this severity are not sent (configurable per sink). */
    Severity minimumSeverity();

    /** Whether this sink sends {@code finding} at all; the default is {@link AlertPolicy#alerts}. */
    default boolean accepts(Finding finding) {
        return AlertPolicy.alerts(finding, minimumSeverity());
    }

    /** Sends {@code findings} (all accepted, none delivered before for this event). */
    SinkResult deliver(List<Finding> findings, DeliveryContext context);
}
