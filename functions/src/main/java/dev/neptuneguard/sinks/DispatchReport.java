package dev.neptuneguard.sinks;

import java.util.List;

/**
 * The outcome of handing one event's findings to every sink. A handler fails the invocation when
 * {@link #needsRetry()} is true (Lambda then retries; the ledger makes the retry re-deliver only what failed) and
 * logs and counts everything else.
 */
public record DispatchReport(List<SinkReport> sinks) {

    public DispatchReport {
        sinks = List.copyOf(sinks);
    }

    public boolean needsRetry() {
        return sinks.stream().anyMatch(SinkReport::needsRetry);
    }

    public List<DeliveryFailure> failures() {
        return sinks.stream().flatMap(s -> s.failures().stream()).toList();
    }

    public int delivered() {
        return sinks.stream().mapToInt(SinkReport::delivered).sum();
    }

    public SinkReport sink(String name) {
        return sinks.stream().filter(s -> s.sink().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sink named " + name));
    }
}
