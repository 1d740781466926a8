package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.report.HtmlReport;
import dev.neptuneguard.cli.report.OcsfDocument;
import dev.neptuneguard.cli.report.ReportContext;
import dev.neptuneguard.cli.report.SarifReport;
import dev.neptuneguard.iac.IacEvaluator;
import dev.neptuneguard.iac.IacFiles;
import dev.neptuneguard.iac.IacFinding;
import dev.neptuneguard.iac.IacFindingJson;
import dev.neptuneguard.iac.IacInputException;
import dev.neptuneguard.iac.IacModel;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code iac}: evaluates code before deployment: CloudFormation templates (JSON or YAML, {@code cdk.out}) and
 * Terraform plans ({@code terraform show -json}), with the same policy and rule ids as {@code scan}, plus the
 * key-revocation risks only code shows. A folder is searched (three levels deep) for files that are templates or
 * plans; other files there are skipped, while a file named on the command line that is neither is an input error.
 * Exit codes as for {@code scan}: 0, 1 when a failed finding reaches {@code --fail-on}, 2 on bad input.
 */
@Command(name = "iac", mixinStandardHelpOptions = true,
        description = "Evaluate CloudFormation templates (JSON, YAML, cdk.out) and Terraform plans (terraform show "
                + "-json) before deployment.")
final class IacCommand implements Callable<Integer> {

    /**
     * Formats of {@code iac}: the readable table, the finding contract's JSON lines, one SARIF 2.1.0 log, OCSF
     * Compliance Findings (as {@code scan --format ocsf}) or the self-contained HTML report.
     */
    enum IacFormat { table, json, sarif, ocsf, html }

    private static final int MAX_DEPTH = 3;
    private static final List<String> SKIPPED_FOLDERS = List.of("node_modules", ".git", ".terraform");

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Templates, plans, or folders of them.")
    private List<Path> inputs;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|sarif|ocsf|html",
            description = "Output format: table (readable), json (one finding per line), sarif (SARIF 2.1.0 for "
                    + "GitHub code scanning), ocsf (OCSF Compliance Findings) or html (one self-contained page). "
                    + "Default: ${DEFAULT-VALUE}.")
    private IacFormat format;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy JSON: requireCustomerManagedKey, allowedKeyArns, requiredKeyOrigins, requireKeyRotation.")
    private Path policyFile;

    @Option(names = "--fail-on", defaultValue = "LOW", paramLabel = "SEVERITY",
            converter = CommonOptions.SeverityConverter.class,
            description = "Exit 1 when a failed, non-exempt finding is at least this severe. Default: ${DEFAULT-VALUE}.")
    private Severity failOn;

    @Option(names = "--include-passed", description = "Also report PASSED and NOT_APPLICABLE results.")
    private boolean includePassed;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    private Path output;

    @Override
    public Integer call() {
        Policy policy = PolicyFile.read(policyFile);
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = files(err);
        IacEvaluator evaluator = new IacEvaluator(policy, root.clock());
        List<IacFinding> all = new ArrayList<>();
        for (Path file : files) {
            IacModel model;
            try {
                model = IacFiles.read(file);
            } catch (IacInputException e) {
                throw new InputException(e.getMessage(), e);
            }
            all.addAll(evaluator.evaluate(model));
        }
        List<IacFinding> shown = all.stream().filter(f -> includePassed
                || f.finding().status() == ComplianceStatus.FAILED).toList();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(shown, files.size(), out);
            out.flush();
        } else {
            List<Path> read = new ArrayList<>(files);
            if (policyFile != null) {
                read.add(policyFile);
            }
            try (OutputFile file = OutputFile.open(output, read)) {
                write(shown, files.size(), file.writer());
                file.commit();
            }
        }
        long failed = all.stream().filter(f -> f.finding().actionable()).count();
        err.println("neptune-guard iac: " + files.size() + " file(s), " + failed + " failed finding(s)");
        boolean fails = all.stream().anyMatch(f -> f.finding().actionable() && f.finding().severity().isAtLeast(failOn));
        return fails ? NeptuneGuardCli.EXIT_FINDINGS : NeptuneGuardCli.EXIT_OK;
    }

    private void write(List<IacFinding> findings, int fileCount, PrintWriter out) {
        switch (format) {
            case json -> findings.forEach(f -> out.println(IacFindingJson.toLine(f)));
            case sarif -> {
                try {
                    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(SarifReport.render(findings, version())));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write SARIF", e);
                }
            }
            case ocsf -> writeOcsf(findings, out);
            case html -> new HtmlReport().write(findings.stream().map(IacFinding::finding).toList(), context(), out);
            default -> table(findings, fileCount, out);
        }
    }

    private ReportContext context() {
        return new ReportContext(ReportContext.Source.IAC, root.clock().instant(), "the run's clock", List.of(),
                List.of(), null);
    }

    /**
     * The OCSF records of {@code scan}, with what code has instead of an ARN: the subject's {@code uid} is the
     * logical id or Terraform address, its {@code type} the CloudFormation or Terraform type, and {@code data}
     * names the file and line it was declared at.
     */
    private void writeOcsf(List<IacFinding> findings, PrintWriter out) {
        ReportContext context = context();
        ArrayNode records = Json.MAPPER.createArrayNode();
        for (IacFinding f : findings) {
            ObjectNode record = OcsfDocument.record(f.finding(), context);
            ObjectNode subject = (ObjectNode) record.path("resources").path(0);
            if (f.finding().resourceArn() == null) {
                subject.put("uid", f.finding().resourceId());
            }
            subject.put("type", f.codeType());
            ObjectNode data = subject.with("data");
            data.put("file", f.source().file());
            if (f.source().line() != null) {
                data.put("line", f.source().line());
            }
            records.add(record);
        }
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(records));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write OCSF", e);
        }
    }

    private static void table(List<IacFinding> findings, int fileCount, PrintWriter out) {
        List<IacFinding> sorted = findings.stream().sorted(Comparator
                .comparing((IacFinding f) -> f.finding().status())
                .thenComparing(f -> f.finding().severity())
                .thenComparing(f -> f.source().file())
                .thenComparing(f -> f.finding().resourceId())).toList();
        for (IacFinding f : sorted) {
            Finding x = f.finding();
            String where = f.source().file() + (f.source().line() == null ? "" : ":" + f.source().line());
            out.println(x.status() + "  " + x.severity() + "  " + x.ruleId() + "  " + where);
            out.println("    " + f.codeType() + " " + x.resourceId()
                    + (x.resourceName() == null ? "" : " (" + x.resourceName() + ")")
                    + (x.suppressed() ? "  [exempt: " + x.suppressionReason() + "]" : ""));
            out.println("    " + x.detail());
            if (x.remediation() != null && !x.remediation().isBlank()) {
                out.println("    Fix: " + x.remediation());
            }
            out.println();
        }
        long failed = findings.stream().filter(f -> f.finding().actionable()).count();
        out.println(String.format(Locale.ROOT, "%d failed finding(s) in %d file(s).", failed, fileCount));
    }

    /** The inputs, folders expanded to the templates and plans in them. */
    private List<Path> files(PrintWriter err) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isRegularFile(input)) {
                files.add(input);
            } else if (Files.isDirectory(input)) {
                List<Path> found = folder(input);
                if (found.isEmpty()) {
                    throw new InputException(input + ": no CloudFormation template or Terraform plan in this folder "
                            + "(*.json, *.yaml, *.yml, *.template)");
                }
                files.addAll(found);
            } else {
                throw new InputException(input + ": no such file or folder");
            }
        }
        return files;
    }

    private static List<Path> folder(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> skippedFolder(dir.relativize(p)) == null)
                    .filter(IacCommand::candidate)
                    .sorted()
                    .forEach(p -> {
                        try {
                            IacFiles.read(p);
                            found.add(p);
                        } catch (IacInputException e) {
                            // Not a template or plan (cdk.out's manifest.json, tree.json, asset manifests): skipped.
                        }
                    });
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return found;
    }

    /** The first folder of {@code relative} that is never searched (dependencies, VCS, Terraform's cache). */
    private static String skippedFolder(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return part.toString();
            }
        }
        return null;
    }

    private static boolean candidate(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".template");
    }

    private String version() {
        String[] v = spec.root().version();
        return v.length == 0 ? "unknown" : v[0].replace("neptune-guard ", "");
    }
}
