package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Findings counted the way every summary counts them: failed and not exempt by severity, exempt, passed, not
 * applicable.
 *
 * @param failed actionable findings per severity, most severe first; only the severities that occur
 */
public record Tally(Map<Severity, Integer> failed, int suppressed, int passed, int notApplicable) {

    public static Tally of(List<Finding> findings) {
        Map<Severity, Integer> failed = new EnumMap<>(Severity.class);
        int suppressed = 0;
        int passed = 0;
        int notApplicable = 0;
        for (Finding f : findings) {
            if (f.actionable()) {
                failed.merge(f.severity(), 1, Integer::sum);
            } else if (f.suppressed()) {
                suppressed++;
            } else if (f.status() == ComplianceStatus.PASSED) {
                passed++;
            } else if (f.status() == ComplianceStatus.NOT_APPLICABLE) {
                notApplicable++;
            }
        }
        return new Tally(Collections.unmodifiableMap(failed), suppressed, passed, notApplicable);
    }

    /** The failed, non-exempt findings of one severity. */
    public int failed(Severity severity) {
        return failed.getOrDefault(severity, 0);
    }
}
