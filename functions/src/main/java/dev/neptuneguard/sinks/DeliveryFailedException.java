package dev.neptuneguard.sinks;

/**
 * Thrown by a handler after dispatching when a sink failed in a way a retry can fix: the invocation fails, Lambda
 * retries it, and the ledger makes the retry re-deliver only what failed.
 */
public class DeliveryFailedException extends RuntimeException {

    private final transient DispatchReport report;

    public DeliveryFailedException(DispatchReport report) {
        super("delivery failed and will be retried: " + report.failures().stream()
                .filter(f -> f.kind() == FailureKind.RETRYABLE)
                .map(f -> f.sink() + " " + f.reason() + " (" + f.findingIds().size() + " findings)")
                .toList());
        this.report = report;
    }

    public DispatchReport report() {
        return report;
    }
}
