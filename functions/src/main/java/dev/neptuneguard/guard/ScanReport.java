package dev.neptuneguard.guard;

import dev.neptuneguard.model.Finding;
import java.util.List;

/**
 * The result of evaluating every Neptune cluster and snapshot, and every Neptune Analytics graph and graph snapshot,
 * of one account and region.
 */
public record ScanReport(String account, String region, int clusters, int snapshots, int keys, List<Finding> findings,
                         int graphs, int graphSnapshots) {

    public ScanReport {
        findings = List.copyOf(findings);
    }

    /** A report without Neptune Analytics resources. */
    public ScanReport(String account, String region, int clusters, int snapshots, int keys, List<Finding> findings) {
        this(account, region, clusters, snapshots, keys, findings, 0, 0);
    }
}
