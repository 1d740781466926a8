package dev.neptuneguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.neptuneguard.events.EventOutcome;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.events.GraphTrigger;
import dev.neptuneguard.events.IgnoreReason;
import dev.neptuneguard.events.Ignored;
import dev.neptuneguard.events.ResourceTrigger;
import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.TriggerResult;
import dev.neptuneguard.inventory.Inventories;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.policy.EncryptionRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * Lambda entry point for RDS CloudTrail events (cluster create/restore, snapshot create/copy): parse, let
 * the core evaluate the cluster or snapshot against live state, report the findings. Bad input is logged,
 * counted and dropped (the invocation succeeds, so it is not retried); AWS faults escape so Lambda retries
 * and, when they persist, the event lands in the dead-letter queue.
 */
public final class ClusterEncryptionHandler implements RequestStreamHandler, PrimedForSnapStart {

    private final Inventories inventories;
    private final EncryptionRules rules;
    private final FindingReporter reporter;
    private final Clock clock;

    public ClusterEncryptionHandler() {
        this(Runtime.get().inventories(), new EncryptionRules(Runtime.get().policy()), Runtime.get().reporter(
                "cluster-encryption"), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    ClusterEncryptionHandler(Supplier<Inventory> inventories, EncryptionRules rules, FindingReporter reporter,
                             Clock clock) {
        this(Inventories.always(inventories), rules, reporter, clock);
    }

    /** @param inventories the event's account and region (organization mode reads a member through its role) */
    ClusterEncryptionHandler(Inventories inventories, EncryptionRules rules, FindingReporter reporter, Clock clock) {
        this.inventories = inventories;
        this.rules = rules;
        this.reporter = reporter;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        reporter.context(context);
        EventOutcome outcome = EventParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        List<Finding> findings = List.of();
        try {
            if (outcome instanceof ResourceTrigger trigger) {
                TriggerResult result = new EncryptionGuard(inventories.of(trigger.account(), trigger.region()), rules,
                        clock).evaluate(trigger);
                outcome = result.outcome();
                findings = result.findings();
            } else if (outcome instanceof GraphTrigger trigger) {
                TriggerResult result = new EncryptionGuard(inventories.of(trigger.account(), trigger.region()), rules,
                        clock).evaluate(trigger);
                outcome = result.outcome();
                findings = result.findings();
            } else if (!(outcome instanceof Ignored)) {
                outcome = new Ignored(IgnoreReason.UNSUPPORTED_EVENT_NAME, "a key event reached the cluster handler",
                        outcome.eventId(), null);
            }
            reporter.report(outcome, findings);
        } catch (RuntimeException e) {
            reporter.failed(outcome, e);
            throw e;
        } finally {
            reporter.flush();
        }
        output.write(reporter.summary(outcome, findings).getBytes(StandardCharsets.UTF_8));
    }
}
