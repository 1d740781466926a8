package dev.neptuneguard.revocation;

import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What the reconciliation sweep found in one account and region, or — merged — in every account × region of an
 * organization.
 *
 * @param keys distinct keys named by Neptune clusters and snapshots
 * @param unreadableKeys keys that could not be described for a reason other than "not found"
 * @param remindersCreated reminders that were missing and were created again
 * @param unreadable account × region pairs that could not be read at all, each with the reason
 *        ({@code 444455556666/eu-west-1: cannot assume …}); empty for a single account and region
 * @param graphs Neptune Analytics graphs read (their customer keys are among {@code keys})
 * @param graphSnapshots Neptune Analytics graph snapshots read
 */
public record SweepReport(String account, String region, int clusters, int snapshots, int keys, int unreadableKeys,
                          List<Finding> findings, int remindersCreated, List<String> unreadable, int graphs,
                          int graphSnapshots) {

    public SweepReport {
        findings = List.copyOf(findings);
        unreadable = List.copyOf(unreadable);
    }

    public SweepReport(String account, String region, int clusters, int snapshots, int keys, int unreadableKeys,
                       List<Finding> findings, int remindersCreated, List<String> unreadable) {
        this(account, region, clusters, snapshots, keys, unreadableKeys, findings, remindersCreated, unreadable, 0, 0);
    }

    public SweepReport(String account, String region, int clusters, int snapshots, int keys, int unreadableKeys,
                       List<Finding> findings, int remindersCreated) {
        this(account, region, clusters, snapshots, keys, unreadableKeys, findings, remindersCreated, List.of());
    }

    /** The sum of per-account × region reports, plus the pairs that could not be read. */
    public static SweepReport merge(List<SweepReport> reports, List<String> unreadable) {
        int clusters = 0;
        int snapshots = 0;
        int keys = 0;
        int unreadableKeys = 0;
        int reminders = 0;
        int graphs = 0;
        int graphSnapshots = 0;
        List<Finding> findings = new ArrayList<>();
        for (SweepReport r : reports) {
            clusters += r.clusters();
            snapshots += r.snapshots();
            keys += r.keys();
            unreadableKeys += r.unreadableKeys();
            reminders += r.remindersCreated();
            graphs += r.graphs();
            graphSnapshots += r.graphSnapshots();
            findings.addAll(r.findings());
        }
        return new SweepReport("organization", "*", clusters, snapshots, keys, unreadableKeys, findings, reminders,
                unreadable, graphs, graphSnapshots);
    }
}
