package dev.neptuneguard.cli;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that prints findings. */
final class CommonOptions {

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "Output format: table (readable report) or json (one finding per line). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy JSON: requireCustomerManagedKey, allowedKeyArns, requiredKeyOrigins, requireKeyRotation.")
    Path policyFile;

    @Option(names = "--fail-on", defaultValue = "LOW", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit 1 when a failed, non-exempt finding is at least this severe. Default: ${DEFAULT-VALUE}.")
    Severity failOn;

    @Option(names = "--include-passed", description = "Also print PASSED and NOT_APPLICABLE results.")
    boolean includePassed;

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
