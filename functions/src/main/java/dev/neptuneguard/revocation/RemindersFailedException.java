package dev.neptuneguard.revocation;

/**
 * Reminders could not be scheduled (EventBridge Scheduler refused or did not answer) for a key event whose
 * findings are otherwise complete. The handler delivers {@link #result()} first and then fails the invocation, so
 * that a Scheduler outage or a missing permission delays only the reminders, never the alert: Lambda retries the
 * event, the delivery ledger keeps the retry from alerting twice, and the retry schedules the reminders.
 */
public final class RemindersFailedException extends RuntimeException {

    private final transient RevocationResult result;

    public RemindersFailedException(RevocationResult result, RuntimeException cause) {
        super("reminders could not be scheduled: " + cause.getMessage(), cause);
        this.result = result;
    }

    /** The event's result with the reminders that were created before the failure. */
    public RevocationResult result() {
        return result;
    }
}
