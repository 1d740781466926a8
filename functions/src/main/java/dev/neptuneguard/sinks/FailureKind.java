package dev.neptuneguard.sinks;

/**
 * What to do about a failed delivery. {@link #RETRYABLE} failures make the handler fail the invocation so Lambda
 * retries it (and, if they persist, the event lands in the dead-letter queue where a redrive after the fix
 * recovers the alert); {@link #DROPPED} failures are logged and counted only, because retrying cannot help.
 */
public enum FailureKind {
    RETRYABLE, DROPPED
}
