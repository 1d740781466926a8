package dev.neptuneguard.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report needs to know about the run beside its findings: where the findings come from, the time they were
 * evaluated against (the run's injected clock, or the time an export was taken), which clock that is, the accounts
 * and regions the run covered (also those without a finding), and the run's id. Every document format takes the same
 * context, so a new command (e.g. {@code iac}) renders any format by filling one in.
 *
 * @param source what produced the findings
 * @param time the evaluation time: deadlines are counted from it and documents are stamped with it
 * @param timeBasis which clock {@code time} is, in words (e.g. "the run's clock"), shown in human-readable reports
 * @param accounts the accounts covered, in report order; may be empty when unknown
 * @param regions the regions covered, in report order; may be empty when unknown
 * @param runId what produced the findings (an event id, the scan's id); may be null
 */
public record ReportContext(Source source, Instant time, String timeBasis, List<String> accounts,
                            List<String> regions, String runId) {

    public ReportContext {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        timeBasis = timeBasis == null ? "the run's clock" : timeBasis;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /** Where the findings of a run come from. */
    public enum Source {
        /** The account read through the AWS API. */
        LIVE("live"),
        /** AWS CLI exports ({@code scan --offline}). */
        OFFLINE("offline"),
        /** Events evaluated as the Lambda functions would ({@code replay}). */
        REPLAY("replay"),
        /** The bundled demo account, scanned, and every sample event replayed against it. */
        DEMO("demo"),
        /** Infrastructure as code: templates and plans, before anything is deployed. */
        IAC("iac");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The lower-case name shown in reports and recorded in OCSF {@code unmapped}. */
        public String label() {
            return label;
        }
    }
}
