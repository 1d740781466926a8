package dev.neptuneguard.revocation;

import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily reconciliation: lists every Neptune cluster and snapshot, describes each key they use once, raises the
 * key findings for every key that is not usable (or no longer exists), and re-creates the countdown reminders of
 * keys pending deletion, so a missed or late event is caught within a day. It never protects: without an event
 * there is no caller to check against the exempt list.
 */
public final class RevocationSweep implements Sweep {

    private final Inventory inventory;
    private final RevocationRules rules;
    private final Reminders reminders;
    private final List<Duration> offsets;
    private final Clock clock;

    public RevocationSweep(Inventory inventory, RevocationRules rules, Reminders reminders, List<Duration> offsets,
                           Clock clock) {
        this.inventory = inventory;
        this.rules = rules;
        this.reminders = reminders;
        this.offsets = List.copyOf(offsets);
        this.clock = clock;
    }

    @Override
    public SweepReport run() {
        Instant now = clock.instant();
        KeyUsage usage = KeyUsage.read(inventory);
        List<KeyFacts> keys = usage.keysInUse();
        List<Finding> findings = new ArrayList<>();
        int unreadable = 0;
        int created = 0;
        RuntimeException remindersFailed = null;
        for (KeyFacts key : keys) {
            if (key.usable()) {
                continue;
            }
            BlastRadius radius = usage.radius(key);
            Optional<Finding> finding = rules.evaluateState(radius, now);
            if (finding.isEmpty()) {
                unreadable += key.verifiable() ? 0 : 1;
                continue;
            }
            findings.add(finding.get());
            if ("PendingDeletion".equals(key.keyState()) && key.deletionDate() != null && key.arn() != null) {
                try {
                    created += reminders.schedule(ReminderPlan.plan(key.arn(),
                            key.account() != null ? key.account() : usage.account(),
                            key.region() != null ? key.region() : usage.region(), key.deletionDate(), offsets, now));
                } catch (RuntimeException e) {
                    // Keep sweeping: the findings must go out even when Scheduler is down.
                    remindersFailed = remindersFailed == null ? e : remindersFailed;
                }
            }
        }
        SweepReport report = new SweepReport(usage.account(), usage.region(), usage.clusters().size(),
                usage.snapshots().size(), keys.size(), unreadable, findings, created, List.of(), usage.graphs().size(),
                usage.graphSnapshots().size());
        if (remindersFailed != null) {
            throw new SweepRemindersFailedException(report, remindersFailed);
        }
        return report;
    }
}
