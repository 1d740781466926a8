package dev.neptuneguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.FindingJson;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Severity;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints findings in the chosen format. {@code table} is for people: a compact list, then each failed
 * finding with its detail and remediation. {@code json} is for machines: one finding per line, nothing else
 * on stdout. {@code csv} is the same columns with one header row ({@link FindingCsv}). PASSED / NOT_APPLICABLE
 * results are printed only when asked for. {@code asff} is the JSON array Security Hub would import, written by
 * {@link #finish()}: it holds every result the Security Hub sink imports, PASSED ones included (imported as
 * ARCHIVED, which is how an earlier FAILED finding gets resolved). Call {@link #finish()} once after the last
 * {@link #print}.
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
    private final Clock clock;
    private final String runId;
    private final List<Finding> asff = new ArrayList<>();
    private boolean headerWritten;
    private AsOf asOf;

    FindingPrinter(OutputFormat format, boolean includePassed, PrintWriter out) {
        this(format, includePassed, out, Clock.systemUTC(), null);
    }

    /**
     * @param clock the time of the run, for ASFF {@code CreatedAt}/{@code UpdatedAt}
     * @param runId what produced the findings (an event id, or the scan's id), recorded in ASFF ProductFields
     */
    FindingPrinter(OutputFormat format, boolean includePassed, PrintWriter out, Clock clock, String runId) {
        this.format = format;
        this.includePassed = includePassed;
        this.out = out;
        this.clock = clock;
        this.runId = runId;
    }

    /** The time the findings printed from now on were judged as of, for the JSON lines; null for none. */
    void asOf(AsOf judgedAsOf) {
        this.asOf = judgedAsOf;
    }

    /** Prints findings judged as of {@code judgedAsOf} (from now on: see {@link #asOf(AsOf)}). */
    void print(List<Finding> findings, AsOf judgedAsOf) {
        asOf(judgedAsOf);
        print(findings);
    }

    void print(List<Finding> findings) {
        if (format == OutputFormat.asff) {
            asff.addAll(findings);
            return;
        }
        List<Finding> shown = findings.stream()
                .filter(f -> includePassed || f.status() == ComplianceStatus.FAILED)
                .sorted(ORDER)
                .toList();
        if (format == OutputFormat.json) {
            shown.forEach(f -> out.println(jsonLine(f)));
            return;
        }
        if (format == OutputFormat.csv) {
            writeHeader();
            shown.forEach(f -> out.print(FindingCsv.row(f)));
            return;
        }
        if (shown.isEmpty()) {
            out.println("  No failed findings.");
            return;
        }
        // Identifiers come from the account's data and may hold terminal escapes or line breaks: every one is
        // shown escaped (Text.visible), so the report can neither drive the terminal nor forge a line.
        for (Finding f : shown) {
            out.printf("  %-13s %-40s %s%n", label(f), f.ruleId(), Text.visible(f.resourceName()));
        }
        for (Finding f : shown) {
            if (f.status() != ComplianceStatus.FAILED) {
                continue;
            }
            out.println();
            out.printf("  [%s] %s%n", label(f), Text.visible(f.title()));
            out.printf("    rule:      %s%n", f.ruleId());
            out.printf("    resource:  %s%n", Text.visible(f.resourceArn()));
            if (f.keyArn() != null) {
                String state = f.keyState() == null ? "" : " (" + f.keyState()
                        + (f.deletionDate() == null ? "" : ", deletion " + f.deletionDate()) + ")";
                out.printf("    key:       %s%n", Text.visible(f.keyArn() + state));
            }
            if (!f.affectedResources().isEmpty()) {
                out.printf("    affects:   %s%n", String.join("\n               ",
                        f.affectedResources().stream().map(Text::visible).toList()));
            }
            if (f.suppressed()) {
                out.printf("    exempt:    %s%n", Text.visible(f.suppressionReason()));
            }
            out.printf("    detail:    %s%n", indent(prose(f, f.detail())));
            if (f.remediation() != null && !f.remediation().isEmpty()) {
                out.printf("    fix:       %s%n", indent(prose(f, f.remediation())));
            }
        }
    }

    /**
     * Multi-line text of a finding (detail, remediation) for the terminal: the line breaks the rules put there are
     * kept; every identifier of the finding that holds a control character (its name, ARNs, key, exemption, and
     * the names inside the affected resources' ARNs) is shown escaped first, line breaks included, and whatever
     * control character is left after that is escaped too.
     */
    static String prose(Finding f, String text) {
        if (text == null || !Text.hasControls(text)) {
            return text == null ? "" : text;
        }
        List<String> ids = new ArrayList<>();
        addIdentifier(ids, f.resourceName());
        addIdentifier(ids, f.resourceId());
        addIdentifier(ids, f.suppressionReason());
        addIdentifier(ids, f.keyState());
        addArn(ids, f.resourceArn());
        addArn(ids, f.keyArn());
        f.affectedResources().forEach(arn -> addArn(ids, arn));
        ids.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String id : ids) {
            out = out.replace(id, Text.visible(id));
        }
        return Text.visibleLines(out);
    }

    private static void addArn(List<String> ids, String arn) {
        addIdentifier(ids, arn);
        if (arn == null) {
            return;
        }
        // arn:partition:service:region:account:resource, where resource is "type:name", "type/name" or a name.
        String[] parts = arn.split(":", 6);
        if (parts.length == 6) {
            String resource = parts[5];
            addIdentifier(ids, resource);
            int cut = resource.indexOf(':') >= 0 ? resource.indexOf(':') : resource.indexOf('/');
            if (cut >= 0) {
                addIdentifier(ids, resource.substring(cut + 1));
            }
        }
    }

    private static void addIdentifier(List<String> ids, String id) {
        if (id != null && Text.hasControls(id)) {
            ids.add(id);
        }
    }

    /**
     * The public finding JSON, plus the time its dates were judged as of: {@code asOf} (ISO-8601) and
     * {@code asOfSource} ({@code export}: the time the export recorded; {@code clock}: the run's clock).
     */
    private String jsonLine(Finding f) {
        if (asOf == null) {
            return FindingJson.toLine(f);
        }
        ObjectNode node = FindingJson.toNode(f);
        node.put("asOf", asOf.instant().toString());
        node.put("asOfSource", asOf.sourceName());
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize finding " + f.stableId(), e);
        }
    }

    /** Completes a whole-document format: the CSV header when no row was printed, the ASFF array. */
    void finish() {
        if (format == OutputFormat.csv) {
            writeHeader();
        } else if (format == OutputFormat.asff) {
            AsffDocument.write(asff, clock.instant(), runId, out);
        }
        out.flush();
    }

    private void writeHeader() {
        if (!headerWritten) {
            out.print(FindingCsv.header());
            headerWritten = true;
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
            failed.forEach((sev, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(count(n)).append(' ')
                    .append(sev));
            sb.append(" failed");
        }
        sb.append("; ").append(count(suppressed)).append(" suppressed; ").append(count(passed)).append(" passed");
        if (notApplicable > 0) {
            sb.append("; ").append(count(notApplicable)).append(" not applicable");
        }
        return sb.toString();
    }

    /** 49,472: the live scan's counts run into the tens of thousands. */
    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
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
