package dev.neptuneguard.cli;

import dev.neptuneguard.cli.offline.AsOf;
import dev.neptuneguard.cli.report.AsffDocument;
import dev.neptuneguard.cli.report.FindingCsv;
import dev.neptuneguard.cli.report.FindingText;
import dev.neptuneguard.cli.report.HtmlReport;
import dev.neptuneguard.cli.report.OcsfDocument;
import dev.neptuneguard.cli.report.ReportContext;
import dev.neptuneguard.cli.report.ReportOrder;
import dev.neptuneguard.cli.report.Tally;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints findings in the chosen format. {@code table} is for people: a compact list, then each failed
 * finding with its detail and remediation. {@code json} is for machines: one finding per line, nothing else
 * on stdout. {@code csv} is the same columns with one header row ({@link FindingCsv}). PASSED / NOT_APPLICABLE
 * results are printed only when asked for. {@code asff} is the JSON array Security Hub would import, written by
 * {@link #finish()}: it holds every result the Security Hub sink imports, PASSED ones included (imported as
 * ARCHIVED, which is how an earlier FAILED finding gets resolved). {@code ocsf} and {@code html} are documents of the
 * report package ({@link OcsfDocument}, {@link HtmlReport}), also written by {@link #finish()}, with the shown results
 * and the run's {@link ReportContext}. Call {@link #finish()} once after the last {@link #print}.
 */
final class FindingPrinter {


    private final OutputFormat format;
    private final boolean includePassed;
    private final PrintWriter out;
    private final ReportContext.Source source;
    private final Clock clock;
    private final String runId;
    private final List<Finding> document = new ArrayList<>();
    private final Set<String> accounts = new LinkedHashSet<>();
    private final Set<String> regions = new LinkedHashSet<>();
    private boolean headerWritten;
    private AsOf asOf;

    /**
     * @param source where the findings come from, for the document formats' context
     * @param clock the time of the run, for ASFF {@code CreatedAt}/{@code UpdatedAt} and the documents' time
     * @param runId what produced the findings (an event id, or the scan's id), recorded in ASFF ProductFields
     */
    FindingPrinter(OutputFormat format, boolean includePassed, PrintWriter out, ReportContext.Source source,
                   Clock clock, String runId) {
        this.format = format;
        this.includePassed = includePassed;
        this.out = out;
        this.source = source;
        this.clock = clock;
        this.runId = runId;
    }

    /** Records an account and region the run covered, for the documents' context (also when nothing was found). */
    void covered(String account, String region) {
        if (account != null) {
            accounts.add(account);
        }
        if (region != null) {
            regions.add(region);
        }
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
        findings.forEach(f -> covered(f.account(), f.region()));
        if (format == OutputFormat.asff) {
            document.addAll(findings);
            return;
        }
        List<Finding> shown = findings.stream()
                .filter(f -> includePassed || f.status() == ComplianceStatus.FAILED)
                .sorted(ReportOrder.FAILED_FIRST)
                .toList();
        if (format == OutputFormat.ocsf || format == OutputFormat.html) {
            document.addAll(shown);
            return;
        }
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
            out.printf("    detail:    %s%n", indent(FindingText.prose(f, f.detail())));
            if (f.remediation() != null && !f.remediation().isEmpty()) {
                out.printf("    fix:       %s%n", indent(FindingText.prose(f, f.remediation())));
            }
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

    /** Completes a whole-document format: the CSV header when no row was printed, the ASFF, OCSF or HTML document. */
    void finish() {
        switch (format) {
            case csv -> writeHeader();
            // ASFF CreatedAt/UpdatedAt is when the run produced the findings, whatever time their dates were judged as of.
            case asff -> AsffDocument.write(document, clock.instant(), runId, out);
            case ocsf -> new OcsfDocument().write(document, context(), out);
            case html -> new HtmlReport().write(document, context(), out);
            default -> {
            }
        }
        out.flush();
    }

    /** The run's context for the document formats. */
    ReportContext context() {
        // Dates in the documents (the HTML countdowns) are judged as of the same time as the findings were.
        return new ReportContext(source, asOf == null ? clock.instant() : asOf.instant(),
                asOf == null ? "the run's clock" : asOf.describe(), List.copyOf(accounts),
                List.copyOf(regions), runId);
    }

    private void writeHeader() {
        if (!headerWritten) {
            out.print(FindingCsv.header());
            headerWritten = true;
        }
    }

    /** "3 CRITICAL, 1 HIGH failed; 2 suppressed; 25 passed" */
    static String summary(List<Finding> findings) {
        Tally tally = Tally.of(findings);
        Map<Severity, Integer> failed = tally.failed();
        int suppressed = tally.suppressed();
        int passed = tally.passed();
        int notApplicable = tally.notApplicable();
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
