package dev.neptuneguard.cli;

import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.cli.offline.Replayer;
import dev.neptuneguard.cli.report.ReportContext;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code demo}: scans the bundled demo account, then replays every bundled sample event against it, so a
 * newcomer sees every kind of finding and every kind of dropped event in one run. It exits 0 when it ran:
 * the demo account is non-compliant on purpose.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Scan the bundled demo account and replay every sample event against it.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Override
    public Integer call() {
        // As for scan: the report replaces --output only when the demo ran to its end.
        return OutputFile.report(common.output, common.inputs(), spec.commandLine().getOut(), this::run);
    }

    private int run(PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        boolean table = common.format == OutputFormat.table;
        PrintWriter info = table ? out : err;
        BundledResources.Demo demo = BundledResources.demo(root.clock().instant());
        AccountExport export = demo.account();
        if (table) {
            out.println("== neptune-guard demo ==");
        }
        info.println(String.format(Locale.ROOT, "Dates as of %s: the demo account and its sample events were recorded "
                + "as of %s, and every date in them is moved %,d days %s, so that the demo reads the same on any day.",
                demo.asOf(), demo.recorded(), Math.abs(demo.shift().days()),
                demo.shift().days() < 0 ? "back" : "ahead"));
        info.println();
        if (table) {
            out.println("1. Scan of the bundled demo account (what `neptune-guard scan --offline` prints for an export)");
            out.println();
        }
        // One printer for the whole run: the document formats (ocsf, html) gather the scan and every replay.
        FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, out,
                ReportContext.Source.DEMO, root.clock(), "neptune-guard-demo");
        ScanCommand.scan(export, common, root, out, err, "bundled demo account", printer);
        Replayer replayer = new Replayer(Replayer.State.of(export), common.policy(), root.clock());
        List<Finding> replayFindings = new ArrayList<>();
        info.println("2. Replay of every sample event against the demo account (what the Lambdas would do)");
        info.println();
        for (Map.Entry<String, String> event : demo.events()) {
            Replayer.Result result;
            try {
                result = replayer.replay(event.getValue());
            } catch (InputException e) {
                // What `replay` would refuse with exit code 2: the demo shows why and goes on.
                info.printf("  %-66s not evaluated: %s%n", Text.visible(event.getKey()), Text.visible(e.getMessage()));
                continue;
            }
            info.printf("  %-66s %s%n", Text.visible(event.getKey()), Text.visible(result.summary()));
            for (String detail : result.details()) {
                info.printf("  %-66s   %s%n", "", Text.visible(detail));
            }
            if (result.evaluated() && !result.findings().isEmpty()) {
                String failed = result.findings().stream()
                        .filter(f -> f.status() == ComplianceStatus.FAILED)
                        .map(f -> (f.suppressed() ? "EXEMPT " : f.severity() + " ") + f.ruleId())
                        .collect(Collectors.joining(", "));
                info.printf("  %-66s   %s%n", "", failed.isEmpty() ? "compliant" : failed);
            }
            if (!table) {
                printer.print(result.findings(), result.asOf());
            }
            replayFindings.addAll(result.findings());
        }
        printer.finish();
        info.println();
        info.println("Replays: " + FindingPrinter.summary(replayFindings));
        // The demo account is non-compliant on purpose: a successful demo exits 0 whatever it found.
        return NeptuneGuardCli.EXIT_OK;
    }
}
