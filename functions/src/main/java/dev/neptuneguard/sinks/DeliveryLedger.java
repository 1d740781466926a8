package dev.neptuneguard.sinks;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Remembers which deliveries happened, so that EventBridge's at-least-once delivery and Lambda retries turn into
 * exactly one alert per (event, finding, sink) in the common case. See {@link Dispatcher} for the order of
 * operations and the race it accepts.
 */
public interface DeliveryLedger {

    /** The subset of {@code keys} already recorded as delivered. */
    Set<DeliveryKey> delivered(Collection<DeliveryKey> keys);

    /**
     * Records a successful delivery.
     *
     * @return {@code false} when the record already existed: a concurrent invocation delivered the same thing
     */
    boolean record(DeliveryKey key, Instant deliveredAt);
}
