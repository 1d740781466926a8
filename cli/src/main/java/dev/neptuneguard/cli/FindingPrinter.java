package dev.neptuneguard.cli;

import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prints findings in the chosen format. {@code table} is for people: a compact list, then each failed
 * finding with its detail and remediation. {@code json} is for machines: one finding per line, nothing else
 * on stdout. PASSED / NOT_APPLICABLE results are printed only when asked for.
 */
final class FindingPrinter {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.status() == ComplianceStatus.FAILED ? 0 : 1)
            .thenComparing(Finding::suppressed)
            .thenComparing(Finding::severity)
            .thenComparing(f -> f.resourceName() == null ? "" : f.resourceName())
            .thenComparing(Finding::ruleId);

    private final OutputFormat format;
    private final boolean includePassed;
    private final PrintWriter out;

    FindingPrinter(OutputFormat format, boolean includePassed, PrintWriter out) {
        this.format = format;
        this.includePassed = includePassed;
        this.out = out;
    }

    void print(List<Finding> findings) {
        List<Finding> shown = findings.stream()
                .filter(f -> includePassed || f.status() == ComplianceStatus.FAILED)
                .sorted(ORDER)
                .toList();
        if (format == OutputFormat.json) {
            shown.forEach(f -> out.println(FindingJson.toLine(f)));
            return;
        }
        if (shown.isEmpty()) {
            out.println("  No failed findings.");
            return;
        }
        for (Finding f : shown) {
            out.printf("  %-13s %-40s %s%n", label(f), f.ruleId(), f.resourceName());
        }
        for (Finding f : shown) {
            if (f.status() != ComplianceStatus.FAILED) {
                continue;
            }
            out.println();
            out.printf("  [%s] %s%n", label(f), f.title());
            out.printf("    rule:      %s%n", f.ruleId());
            out.printf("    resource:  %s%n", f.resourceArn());
            if (f.keyArn() != null) {
                String state = f.keyState() == null ? "" : " (" + f.keyState()
                        + (f.deletionDate() == null ? "" : ", deletion " + f.deletionDate()) + ")";
                out.printf("    key:       %s%s%n", f.keyArn(), state);
            }
            if (!f.affectedResources().isEmpty()) {
                out.printf("    affects:   %s%n", String.join("\n               ", f.affectedResources()));
            }
            if (f.suppressed()) {
                out.printf("    exempt:    %s%n", f.suppressionReason());
            }
            out.printf("    detail:    %s%n", indent(f.detail()));
            if (f.remediation() != null && !f.remediation().isEmpty()) {
                out.printf("    fix:       %s%n", indent(f.remediation()));
            }
        }
    }

    /** "3 CRITICAL, 1 HIGH failed; 2 suppressed; 25 passed" */
    static String summary(List<Finding> findings) {
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
        StringBuilder sb = new StringBuilder();
        if (failed.isEmpty()) {
            sb.append("0 failed");
        } else {
            failed.forEach((sev, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(sev));
            sb.append(" failed");
        }
        sb.append("; ").append(suppressed).append(" suppressed; ").append(passed).append(" passed");
        if (notApplicable > 0) {
            sb.append("; ").append(notApplicable).append(" not applicable");
        }
        return sb.toString();
    }

    private static String label(Finding f) {
        if (f.status() != ComplianceStatus.FAILED) {
            return f.status().name();
        }
        return f.suppressed() ? "EXEMPT" : f.severity().name();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n               ");
    }
}
