package dev.neptuneguard.sinks;

import java.time.Instant;
import java.util.Objects;

/**
 * What a delivery is part of: the id of the event that produced the findings (the CloudTrail {@code eventID},
 * or a stable id of the sweep / reminder run) and the time rendering is judged at (countdowns, timestamps).
 *
 * @param eventId de-duplication key: a retried or duplicated event must carry the same id
 * @param trigger short description of what triggered the evaluation (e.g. {@code ScheduleKeyDeletion}); may be null
 * @param now the time used for countdowns and Security Hub timestamps
 */
public record DeliveryContext(String eventId, String trigger, Instant now) {

    public DeliveryContext {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId is required to de-duplicate deliveries");
        }
        Objects.requireNonNull(now, "now");
    }
}
