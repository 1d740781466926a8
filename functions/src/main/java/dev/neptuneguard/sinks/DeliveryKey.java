package dev.neptuneguard.sinks;

/**
 * Identifies one delivery: this event's finding to this sink. Its text form
 * {@code <eventId>#<findingStableId>#<sink>} is the delivery table's partition key.
 */
public record DeliveryKey(String eventId, String findingId, String sink) {

    public String pk() {
        return eventId + "#" + findingId + "#" + sink;
    }
}
