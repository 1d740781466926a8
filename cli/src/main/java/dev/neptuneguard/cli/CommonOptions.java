package dev.neptuneguard.cli;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options shared by every command that prints findings. */
final class CommonOptions {

    /**
     * {@code demo} prints many small reports: the line formats can, and so can the documents that gather the whole
     * run ({@code ocsf}, {@code html}); CSV and ASFF stay for {@code scan} and {@code replay}, whose results they feed.
     */
    private static final List<String> NO_CSV_OR_ASFF = List.of("demo");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    OutputFormat format = OutputFormat.table;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv|asff|ocsf|html",
            description = "Output format: table (readable report), json (one finding per line), csv (RFC 4180 "
                    + "with "
                    + "a header row), asff (JSON array for Security Hub BatchImportFindings), ocsf (JSON array of "
                    + "OCSF Compliance Findings) or html (one self-contained page; use with --output). "
                    + "Default: ${DEFAULT-VALUE}.")
    void format(OutputFormat value) {
        if ((value == OutputFormat.csv || value == OutputFormat.asff) && command != null
                && NO_CSV_OR_ASFF.contains(command.name())) {
            throw new ParameterException(command.commandLine(), "--format " + value + " is not available for "
                    + command.name() + ": use table, json, ocsf or html");
        }
        format = value;
    }

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the findings to FILE instead of stdout (summaries still go to stderr).")
    Path output;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy JSON: requireCustomerManagedKey, allowedKeyArns, requiredKeyOrigins, requireKeyRotation.")
    Path policyFile;

    @Option(names = "--fail-on", defaultValue = "LOW", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit 1 when a failed, non-exempt finding is at least this severe. Default: ${DEFAULT-VALUE}.")
    Severity failOn;

    @Option(names = "--include-passed", description = "Also print PASSED and NOT_APPLICABLE results.")
    boolean includePassed;

    /** Every file a run reads: {@code files} (nulls skipped) and the policy file; --output must be none of them. */
    List<Path> inputs(Path... files) {
        List<Path> inputs = new ArrayList<>();
        for (Path file : files) {
            if (file != null) {
                inputs.add(file);
            }
        }
        if (policyFile != null) {
            inputs.add(policyFile);
        }
        return inputs;
    }

    Policy policy() {
        return PolicyFile.read(policyFile);
    }

    /** 1 when some actionable finding reaches {@code --fail-on}, else 0. */
    int exitCode(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.actionable() && f.severity().isAtLeast(failOn)) ? 1 : 0;
    }

    /** Converts severity names in any case, with the accepted values in the error. */
    static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.parse(value);
        }
    }
}
