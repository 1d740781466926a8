package dev.neptuneguard.revocation;

/**
 * The sweep found its findings but could not (re-)create some reminders. Like {@link RemindersFailedException}
 * for key events: the handler delivers {@link #report()} first and then fails the run, so a Scheduler outage
 * delays only the reminders, never the alerts; the next attempt re-creates what is missing.
 */
public final class SweepRemindersFailedException extends RuntimeException {

    private final transient SweepReport report;

    public SweepRemindersFailedException(SweepReport report, RuntimeException cause) {
        super("the sweep's reminders could not all be scheduled: " + cause.getMessage(), cause);
        this.report = report;
    }

    /** The sweep's complete findings, with the reminders created before the failure. */
    public SweepReport report() {
        return report;
    }
}
