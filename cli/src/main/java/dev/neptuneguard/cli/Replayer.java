package dev.neptuneguard.cli;

import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.KeyTrigger;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ResourceNotVisibleException;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Clock;
import java.util.List;

/**
 * Evaluates one event the way the Lambda handlers do, against a given account state: parse, then hand the
 * trigger to the same core. Used by {@code replay} and {@code demo}.
 */
final class Replayer {

    /** The parsed outcome, the findings, and a note when the event could not be evaluated. */
    record Result(EventOutcome outcome, List<Finding> findings, String note) {
    }

    private final Inventory inventory;
    private final EncryptionRules rules;
    private final Clock clock;

    Replayer(Inventory inventory, EncryptionRules rules, Clock clock) {
        this.inventory = inventory;
        this.rules = rules;
        this.clock = clock;
    }

    Result replay(String eventJson) {
        EventOutcome outcome = EventParser.parse(eventJson);
        if (outcome instanceof Ignored) {
            return new Result(outcome, List.of(), null);
        }
        if (outcome instanceof ResourceTrigger trigger) {
            try {
                var result = new EncryptionGuard(inventory, rules, clock).evaluate(trigger);
                return new Result(result.outcome(), result.findings(), null);
            } catch (ResourceNotVisibleException e) {
                return new Result(outcome, List.of(), "not evaluated: " + e.getMessage()
                        + " (the Lambda would fail the invocation so that it is retried)");
            }
        }
        KeyTrigger key = (KeyTrigger) outcome;
        return new Result(key, List.of(), "key events are evaluated by the key-revocation guard");
    }

    /** One line that says what the event is. */
    static String describe(EventOutcome outcome) {
        if (outcome instanceof ResourceTrigger t) {
            return t.eventName() + " → " + t.kind() + " " + t.identifier()
                    + (t.engine() == null ? " (engine looked up)" : " (engine " + t.engine() + ")");
        }
        if (outcome instanceof KeyTrigger k) {
            return k.eventName() + " → " + k.kind() + " "
                    + (k.keyReference() != null ? k.keyReference() : "store " + k.customKeyStoreId());
        }
        return outcome.toString();
    }
}
