package dev.neptuneguard.events;

/** An event that produced no trigger, with a machine reason and a sentence for people. */
public record Ignored(IgnoreReason reason, String message, String eventId, String eventName) implements EventOutcome {

    @Override
    public String toString() {
        return "ignored (" + reason + "): " + message;
    }
}
