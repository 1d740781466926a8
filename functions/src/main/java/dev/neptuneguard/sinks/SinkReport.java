package dev.neptuneguard.sinks;

import java.util.List;

/**
 * One sink's part of a dispatch.
 *
 * @param accepted findings the sink wanted
 * @param alreadyDelivered of those, how many the ledger showed as delivered before (skipped)
 * @param delivered how many were delivered now
 * @param racedDuplicates deliveries whose record already existed afterwards: a concurrent invocation sent them too
 * @param ledgerErrors ledger reads or writes that failed, or were skipped because the ledger had failed earlier
 *                     in the dispatch (delivery went ahead; a retry may then repeat it)
 */
public record SinkReport(String sink, int accepted, int alreadyDelivered, int delivered,
                         List<DeliveryFailure> failures, int racedDuplicates, int ledgerErrors) {

    public SinkReport {
        failures = List.copyOf(failures);
    }

    public boolean needsRetry() {
        return failures.stream().anyMatch(f -> f.kind() == FailureKind.RETRYABLE);
    }
}
