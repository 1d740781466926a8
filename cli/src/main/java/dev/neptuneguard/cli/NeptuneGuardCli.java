package dev.neptuneguard.cli;

import dev.neptuneguard.cli.live.RegionFailure;
import dev.neptuneguard.sinks.Text;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@code neptune-guard} command line. It runs the same core as the Lambda functions: {@code scan}
 * evaluates an account (live, read-only, or from AWS CLI exports), {@code replay} evaluates one event as the
 * Lambda would, {@code demo} does both on the bundled demo account, and {@code export-commands} prints the AWS CLI
 * commands that export an account for {@code scan --offline}. Exit codes, the same for every command: 0 no failed
 * finding at or above {@code --fail-on}, 1 otherwise, 2 usage or input error, 3 AWS could not be read completely
 * (a region, a live replay, a {@code --send} delivery), 4 internal error. Whatever a command throws ends here as
 * one line on stderr, never as a stack trace ({@code --debug} adds the trace), and never as exit code 1, which
 * would read as "findings" in CI.
 */
@Command(name = "neptune-guard", mixinStandardHelpOptions = true, version = "neptune-guard 0.1.0",
        description = "Compliance guard for Amazon Neptune encryption at rest.",
        subcommands = {ScanCommand.class, ReplayCommand.class, DemoCommand.class, ExportCommandsCommand.class,
                IacCommand.class, ReencryptCommand.class})
public final class NeptuneGuardCli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_INPUT = 2;
    /** Some region could not be scanned (access denied, not enabled, throttled, unreachable); the rest was. */
    public static final int EXIT_INCOMPLETE = 3;
    /** A bug or a broken installation: one line on stderr, the stack trace only with {@code --debug}. */
    public static final int EXIT_INTERNAL = 4;

    static final String DEBUG_OPTION = "--debug";
    /** An error line quotes input (file names, AWS messages): it is cut to this many characters. */
    private static final int MAX_ERROR_LINE = 1_000;

    private final CliContext context;

    NeptuneGuardCli(CliContext context) {
        this.context = context;
    }

    Clock clock() {
        return context.clock();
    }

    CliContext context() {
        return context;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "On an error, also print the stack trace (for a bug report).")
    private boolean debug;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("neptune-guard: a command is required: scan, replay, demo, export-commands, iac or reencrypt");
        spec.commandLine().usage(err);
        return EXIT_INPUT;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(CliContext.system(), out, err, args));
    }

    /** Runs the CLI with the given clock and streams, stderr not being a terminal; returns the exit code. */
    static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        return run(CliContext.of(clock), out, err, args);
    }

    /** Runs the CLI in the given context and streams; returns the exit code. */
    static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new NeptuneGuardCli(context));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> failed(ex, debug(parsed), err));
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) {
            // picocli hands only Exceptions to the handler: an Error (a class missing from a broken install, out
            // of memory) ends here, and still gets one line and exit code 4.
            code = failed(t, debug(cl.getParseResult()), err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Reports what a command threw, in one line (plus the trace with {@code --debug}), and returns its exit code. */
    static int failed(Throwable t, boolean debug, PrintWriter err) {
        int code;
        String line;
        if (t instanceof InputException) {
            code = EXIT_INPUT;
            line = t.getMessage() == null ? "invalid input" : t.getMessage();
        } else if (t instanceof SdkException e) {
            // An AWS fault no command expected (they catch the ones they do): the state could not be read.
            RegionFailure failure = RegionFailure.of(e);
            code = EXIT_INCOMPLETE;
            line = "AWS call failed, " + failure.code() + ": " + failure.message() + " (" + failure.kind().hint()
                    + ")";
        } else {
            code = EXIT_INTERNAL;
            line = "internal error, " + t.getClass().getName() + ": " + firstLine(t.getMessage())
                    + (debug ? "" : " (run again with " + DEBUG_OPTION + " for the stack trace and report it)");
        }
        err.println("neptune-guard: " + Text.cap(Text.visible(line), MAX_ERROR_LINE));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Whether {@code --debug} was given, to the root or to any subcommand (it is inherited). */
    private static boolean debug(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().lines().findFirst().orElse("");
    }
}
