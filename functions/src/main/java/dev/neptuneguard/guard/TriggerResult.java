package dev.neptuneguard.guard;

import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.model.Finding;
import java.util.List;

/**
 * The result of evaluating one event: the findings, or why nothing was evaluated.
 *
 * @param outcome the parsed trigger, or the {@link Ignored} reason
 * @param findings every rule result (FAILED, PASSED, NOT_APPLICABLE); empty when ignored
 */
public record TriggerResult(EventOutcome outcome, List<Finding> findings) {

    public TriggerResult {
        findings = List.copyOf(findings);
    }

    public static TriggerResult ignored(Ignored ignored) {
        return new TriggerResult(ignored, List.of());
    }

    public boolean isIgnored() {
        return outcome instanceof Ignored;
    }
}
