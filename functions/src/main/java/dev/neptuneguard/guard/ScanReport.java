package dev.neptuneguard.guard;

import dev.neptuneguard.model.Finding;
import java.util.List;

/** The result of evaluating every Neptune cluster and snapshot of one account and region. */
public record ScanReport(String account, String region, int clusters, int snapshots, int keys, List<Finding> findings) {

    public ScanReport {
        findings = List.copyOf(findings);
    }
}
