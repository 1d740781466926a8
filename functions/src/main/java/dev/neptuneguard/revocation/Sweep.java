package dev.neptuneguard.revocation;

/** One run of the reconciliation sweep: one account and region ({@link RevocationSweep}) or an organization. */
@FunctionalInterface
public interface Sweep {

    /**
     * @throws SweepRemindersFailedException after every finding was gathered, when some reminders could not be
     *         scheduled (the findings are in its report)
     */
    SweepReport run();
}
