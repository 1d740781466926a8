package dev.neptuneguard.revocation;

/** The reminder function got an input that is not a neptune-guard reminder; the message says what is wrong. */
public final class BadReminderException extends RuntimeException {

    public BadReminderException(String message) {
        super(message);
    }
}
