package dev.neptuneguard.cli;

import dev.neptuneguard.cli.live.RegionFailure;
import dev.neptuneguard.cli.live.RegionPlan;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.cli.offline.EventFiles;
import dev.neptuneguard.cli.offline.EventRegion;
import dev.neptuneguard.cli.offline.Replayer;
import dev.neptuneguard.cli.report.ReportContext;
import dev.neptuneguard.events.EventParser;
import dev.neptuneguard.inventory.AwsClients;
import dev.neptuneguard.inventory.AwsInventory;
import dev.neptuneguard.inventory.KeyFaults;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * {@code replay}: parses an event exactly as the Lambda would and prints the trigger (or why it was
 * ignored) and the findings, against an offline account state (default: the demo account) or, with
 * {@code --live}, against the real account through the same read-only inventory the Lambda uses; {@code --send}
 * then delivers the findings to the configured sinks. Exit code 3: the live state could not be read, or a sink
 * did not take every finding.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Evaluate one EventBridge event as the Lambda would.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    private NeptuneGuardCli root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private AwsOptions aws;

    @Mixin
    private SendOptions sendOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EVENT.json", description = "The EventBridge event (as "
            + "delivered to the Lambda) or AWS Config rule invocation: one JSON object per file.")
    private Path event;

    @Option(names = "--events", paramLabel = "FILE.jsonl", description = "Instead of EVENT.json: a JSON lines file, "
            + "one event per line (at most " + EventFiles.MAX_EVENTS + "), each replayed and reported; offline only.")
    private Path events;

    @Option(names = "--offline", arity = "1..*", paramLabel = "FILE",
            description = "Account state as AWS CLI outputs or a bundle; default: the bundled demo account.")
    private List<Path> offline;

    @Option(names = "--live", description = "Evaluate against the real account (read-only calls), in the event's "
            + "region unless --region says otherwise.")
    private boolean live;

    @Option(names = "--render", description = "Also print what each sink would deliver (SNS bodies per protocol, "
            + "e-mail, Chatbot, Slack Block Kit, Security Hub ASFF), without sending anything.")
    private boolean render;

    @Option(names = "--account", description = "With --offline: the account id, when the data does not say.")
    private String account;

    @Option(names = "--region", description = "With --live: the region to read (default: the event's). "
            + "With --offline: the region, when the data does not say.")
    private String region;

    /** Where the findings go: stdout, or the temporary file of {@code --output}. */
    private PrintWriter data;

    @Override
    public Integer call() {
        // As for scan: the report replaces --output only when the replay ran to its end.
        return OutputFile.report(common.output, inputs(), spec.commandLine().getOut(), writer -> {
            data = writer;
            return replayAll();
        });
    }

    /** Every file this run reads: --output must not be one of them. */
    private List<Path> inputs() {
        List<Path> files = new ArrayList<>(offline == null ? List.of() : offline);
        files.add(event);
        files.add(events);
        return common.inputs(files.toArray(Path[]::new));
    }

    private int replayAll() {
        if ((event == null) == (events == null)) {
            throw new InputException("give one event file (EVENT.json) or --events FILE.jsonl (one event per line), "
                    + "not " + (event == null ? "neither" : "both"));
        }
        if (events != null && live) {
            throw new InputException("--events replays offline (the demo account or --offline): replay live events one "
                    + "file at a time");
        }
        if (live && offline != null) {
            throw new InputException("give either --live or --offline, not both");
        }
        if (!live && aws.anyGiven()) {
            throw new InputException("--profile and --endpoint-url are for --live");
        }
        aws.endpoint();
        if (sendOptions.anyGiven() && !sendOptions.send) {
            throw new InputException("--topic-arn and --security-hub choose where --send delivers: add --send");
        }
        if (sendOptions.send && !live) {
            throw new InputException("--send delivers findings read from the real account: add --live");
        }
        SendOptions.Plan sendPlan = sendOptions.send ? sendOptions.plan(root.context().env()) : null;
        if (events != null) {
            Policy policy = common.policy();
            return replayLines(export(policy), policy);
        }
        String json = EventFiles.read(event).json();
        Policy policy = common.policy();
        if (!live) {
            return common.exitCode(replay(json, Replayer.State.of(export(policy)), policy).findings());
        }
        CliContext context = root.context();
        AwsCredentialsProvider credentials = aws.credentials(context);
        try {
            AwsOptions.checkCredentials(credentials);
            Region liveRegion = liveRegion(json);
            try (AwsClients clients = aws.clients(liveRegion, credentials, context)) {
                AwsInventory inventory = new AwsInventory(clients, null, policy.requireKeyRotation(), KeyFaults.UNREADABLE);
                Replayer.Result result = replay(json, Replayer.State.single(inventory), policy);
                PrintWriter info = info();
                info.printf(Locale.ROOT, "  read live from %s: %d AWS calls (read-only)%n", liveRegion.id(),
                        inventory.usage().calls());
                int code = common.exitCode(result.findings());
                if (sendPlan != null) {
                    if (!result.evaluated() || result.findings().isEmpty()) {
                        info.println("  nothing to send");
                    } else if (!SendOptions.send(sendPlan, result.findings(), SendOptions.context(
                            EventParser.parse(json).eventId(), result.summary(), root.clock().instant()),
                            liveRegion, credentials, aws.endpoint(), info)) {
                        code = NeptuneGuardCli.EXIT_INCOMPLETE;
                    }
                }
                return code;
            } catch (SdkException e) {
                // What the Lambda would leave to its retries: here the user gets the reason and exit code 3.
                RegionFailure failure = RegionFailure.of(e);
                spec.commandLine().getErr().printf("neptune-guard: %s: not evaluated, %s: %s (%s)%n", liveRegion.id(),
                        failure.code(), failure.message(), failure.kind().hint());
                return NeptuneGuardCli.EXIT_INCOMPLETE;
            }
        } finally {
            AwsOptions.close(credentials);
        }
    }

    private Replayer.Result replay(String json, Replayer.State state, Policy policy) {
        FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, data,
                ReportContext.Source.REPLAY, root.clock(), EventParser.parse(json).eventId());
        Replayer.Result result = replay(event.toString(), json, state, policy, printer);
        printer.finish();
        return result;
    }

    /** Replays one event and prints what happened; {@code label} names it (the file, or {@code file:line}). */
    private Replayer.Result replay(String label, String json, Replayer.State state, Policy policy,
                                   FindingPrinter printer) {
        Replayer.Result result;
        try {
            result = new Replayer(state, policy, root.clock()).replay(json);
        } catch (InputException e) {
            throw new InputException(label + ": " + e.getMessage(), e);
        }
        PrintWriter out = data;
        PrintWriter info = info();
        // The summary and details quote the event and the account's data: escaped, one line each.
        info.println(Text.visible("Event " + label + ": " + result.summary()));
        result.details().forEach(d -> info.println("  " + Text.visible(d)));
        if (result.asOf() != null) {
            info.println("  " + Text.visible(result.asOf().describe()));
        }
        if (result.evaluated() && !result.findings().isEmpty()) {
            info.println("  " + FindingPrinter.summary(result.findings()));
            printer.print(result.findings(), result.asOf());
        }
        if (render && result.evaluated()) {
            SinkPreview.print(result.findings(), EventParser.parse(json).eventId(), root.clock().instant(), out);
        }
        return result;
    }

    /**
     * {@code --events}: every line in turn, each reported; a line that is not a usable event is reported on stderr
     * and, after the others, makes the exit code 2.
     */
    private int replayLines(AccountExport export, Policy policy) {
        Replayer.State state = Replayer.State.of(export);
        PrintWriter err = spec.commandLine().getErr();
        FindingPrinter printer = new FindingPrinter(common.format, common.includePassed, data,
                ReportContext.Source.REPLAY, root.clock(), "neptune-guard-replay:" + events.getFileName());
        List<Finding> findings = new ArrayList<>();
        List<Integer> unusable = new ArrayList<>();
        int lines = EventFiles.forEachLine(events, (number, input, error) -> {
            InputException problem = error;
            if (problem == null) {
                try {
                    findings.addAll(replay(input.name(), input.json(), state, policy, printer).findings());
                } catch (InputException e) {
                    problem = e;
                }
            }
            if (problem != null) {
                unusable.add(number);
                err.println("neptune-guard: " + problem.getMessage());
            }
        });
        printer.finish();
        info().printf(Locale.ROOT, "Replayed %,d of %,d events from %s; %s%n", lines - unusable.size(), lines, events,
                FindingPrinter.summary(findings));
        if (!unusable.isEmpty()) {
            err.printf(Locale.ROOT, "neptune-guard: %s: %,d of %,d lines are not usable events (line%s %s): fix or "
                            + "remove them%n", events, unusable.size(), lines, unusable.size() == 1 ? "" : "s",
                    lineList(unusable));
            return NeptuneGuardCli.EXIT_INPUT;
        }
        return common.exitCode(findings);
    }

    private static String lineList(List<Integer> numbers) {
        List<String> shown = numbers.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (numbers.size() > shown.size() ? ", …" : "");
    }

    /** The account state for an offline replay: {@code --offline}, else the bundled demo account. */
    private AccountExport export(Policy policy) {
        AccountExport export = offline == null
                ? AccountExport.read(BundledResources.demoAccount(), "demo account")
                : AccountExport.read(offline, account, region);
        export.check(policy).forEach(note -> spec.commandLine().getErr().println("neptune-guard: note: " + note));
        return export;
    }

    /** Where the lines that say what happened go: the report for {@code table}, else stderr. */
    private PrintWriter info() {
        return common.format == OutputFormat.table ? data : spec.commandLine().getErr();
    }

    /** {@code --region}, else the event's region, else the SDK's default region. */
    private Region liveRegion(String json) {
        if (region != null) {
            return RegionPlan.explicit(List.of(region)).regions().get(0);
        }
        String fromEvent = EventRegion.of(json);
        if (fromEvent != null) {
            return RegionPlan.explicit(List.of(fromEvent)).regions().get(0);
        }
        return aws.defaultRegion().orElseThrow(() -> new InputException("the event names no region: pass --region"));
    }
}
