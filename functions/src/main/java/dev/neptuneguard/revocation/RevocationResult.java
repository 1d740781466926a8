package dev.neptuneguard.revocation;

import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.model.Finding;
import java.util.List;

/**
 * What one key event or reminder came to.
 *
 * @param ignored why nothing was reported ({@code KEY_NOT_IN_USE}, ...), or {@code null}
 * @param protection what protection did; {@code OFF} when it was not asked
 * @param remindersCreated schedules created now (existing ones are not counted)
 * @param remindersDeleted schedules deleted now
 * @param note one sentence for the log when there are no findings (e.g. why a reminder stopped)
 */
public record RevocationResult(List<Finding> findings, Ignored ignored, ProtectionOutcome protection,
                               int remindersCreated, int remindersDeleted, String note) {

    public RevocationResult {
        findings = List.copyOf(findings);
    }

    /** Nothing to report: the event was dropped for {@code ignored}'s reason. */
    public static RevocationResult ignored(Ignored ignored, int remindersDeleted) {
        return new RevocationResult(List.of(), ignored, ProtectionOutcome.of(ProtectionOutcome.Status.OFF, ""), 0,
                remindersDeleted, ignored.message());
    }
}
