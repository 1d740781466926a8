package dev.neptuneguard.cli.live;

import dev.neptuneguard.guard.EncryptionGuard;
import dev.neptuneguard.guard.ScanReport;
import dev.neptuneguard.inventory.Inventory;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.Reminders;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import dev.neptuneguard.revocation.SweepReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scan} evaluates in one account and region, offline or live: the encryption rules on every cluster
 * and snapshot, plus the key risks the daily sweep reports (keys in use that are disabled, pending deletion or
 * otherwise unusable), without scheduling reminders. Both walk the same listing; a live inventory is wrapped so
 * that it is read once ({@link ObservedInventory}).
 */
public final class AccountScan {

    private AccountScan() {
    }

    public static ScanReport run(Inventory inventory, EncryptionRules rules, Clock clock) {
        ScanReport encryption = new EncryptionGuard(inventory, rules, clock).scan();
        SweepReport keys = new RevocationSweep(inventory, new RevocationRules(), Reminders.NONE,
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), clock).run();
        List<Finding> findings = new ArrayList<>(encryption.findings());
        findings.addAll(keys.findings());
        return new ScanReport(encryption.account(), encryption.region(), encryption.clusters(), encryption.snapshots(),
                encryption.keys(), findings, encryption.graphs(), encryption.graphSnapshots());
    }
}
