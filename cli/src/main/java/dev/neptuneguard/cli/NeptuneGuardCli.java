package dev.neptuneguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code neptune-guard} command line. It runs the same core as the Lambda functions: {@code scan}
 * evaluates an account (live, read-only, or from AWS CLI exports), {@code replay} evaluates one event as the
 * Lambda would, {@code demo} does both on the bundled demo account, and {@code export-commands} prints the AWS CLI
 * commands that export an account for {@code scan --offline}. Exit codes: 0 no failed finding at or above
 * {@code --fail-on}, 1 otherwise, 2 usage or input error, 3 the scan is incomplete (a region could not be read).
 */
@Command(name = "neptune-guard", mixinStandardHelpOptions = true, version = "neptune-guard 0.1.0",
        description = "Compliance guard for Amazon Neptune encryption at rest.",
        subcommands = {ScanCommand.class, ReplayCommand.class, DemoCommand.class, ExportCommandsCommand.class})
public final class NeptuneGuardCli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_INPUT = 2;
    /** Some region could not be scanned (access denied, not enabled, throttled, unreachable); the rest was. */
    public static final int EXIT_INCOMPLETE = 3;

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

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("neptune-guard: a command is required: scan, replay, demo or export-commands");
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
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof InputException) {
                err.println("neptune-guard: " + ex.getMessage());
                return EXIT_INPUT;
            }
            throw ex;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
