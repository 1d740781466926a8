package dev.neptuneguard.revocation;

import dev.neptuneguard.model.Finding;
import java.util.List;

/**
 * What the reconciliation sweep found in one account and region.
 *
 * @param keys distinct keys named by Neptune clusters and snapshots
 * @param unreadableKeys keys that could not be described for a reason other than "not found"
 * @param remindersCreated reminders that were missing and were created again
 */
public record SweepReport(String account, String region, int clusters, int snapshots, int keys, int unreadableKeys,
                          List<Finding> findings, int remindersCreated) {

    public SweepReport {
        findings = List.copyOf(findings);
    }
}
