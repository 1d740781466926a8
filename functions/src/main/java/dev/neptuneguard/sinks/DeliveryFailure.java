package dev.neptuneguard.sinks;

import java.util.List;

/**
 * One sink's failure to deliver some findings.
 *
 * @param reason a short code usable as a metric dimension ({@code Throttling}, {@code SecurityHubNotEnabled})
 * @param message what happened, safe to log (never contains secrets)
 * @param findingIds the {@code Finding.stableId()} of every finding that was not delivered
 */
public record DeliveryFailure(String sink, FailureKind kind, String reason, String message, List<String> findingIds) {

    public DeliveryFailure {
        findingIds = List.copyOf(findingIds);
    }
}
