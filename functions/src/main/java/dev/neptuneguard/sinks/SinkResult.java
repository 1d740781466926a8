package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link Sink#deliver} call achieved: the findings that reached the destination (only these are recorded
 * as delivered) and the failures, each saying whether a retry could help.
 */
public record SinkResult(List<Finding> delivered, List<DeliveryFailure> failures) {

    public SinkResult {
        delivered = List.copyOf(delivered);
        failures = List.copyOf(failures);
    }

    public static SinkResult allDelivered(List<Finding> findings) {
        return new SinkResult(findings, List.of());
    }

    /** Collects per-finding outcomes while a sink works through its findings. */
    public static final class Builder {
        private final List<Finding> delivered = new ArrayList<>();
        private final List<DeliveryFailure> failures = new ArrayList<>();

        public Builder delivered(Finding f) {
            delivered.add(f);
            return this;
        }

        public Builder failed(DeliveryFailure failure) {
            failures.add(failure);
            return this;
        }

        public SinkResult build() {
            return new SinkResult(delivered, failures);
        }
    }
}
