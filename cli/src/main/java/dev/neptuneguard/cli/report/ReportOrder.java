package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import java.util.Comparator;

/** The order reports list findings in: failed first, exempt after the others, most severe first, then by name. */
public final class ReportOrder {

    public static final Comparator<Finding> FAILED_FIRST = Comparator
            .comparing((Finding f) -> f.status() == ComplianceStatus.FAILED ? 0 : 1)
            .thenComparing(Finding::suppressed)
            .thenComparing(Finding::severity)
            .thenComparing(f -> f.resourceName() == null ? "" : f.resourceName())
            .thenComparing(Finding::ruleId);

    private ReportOrder() {
    }
}
