package dev.neptuneguard.events;

/**
 * An event that produced no trigger, with a machine reason and a sentence for people. The sentence and the
 * event name are logged with every drop, so they are cut to {@link #MAX_MESSAGE_LENGTH}: a forged event with a
 * megabyte {@code errorMessage} must not become a megabyte log line (CloudWatch splits events over 256 KB).
 */
public record Ignored(IgnoreReason reason, String message, String eventId, String eventName) implements EventOutcome {

    public static final int MAX_MESSAGE_LENGTH = 1_000;

    public Ignored {
        message = clip(message);
        eventName = clip(eventName);
    }

    @Override
    public String toString() {
        return "ignored (" + reason + "): " + message;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE_LENGTH ? text
                : text.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
