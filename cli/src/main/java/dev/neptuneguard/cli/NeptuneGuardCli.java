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
 * evaluates an account (from AWS CLI exports), {@code replay} evaluates one event as the Lambda would, and
 * {@code demo} does both on the bundled demo account. Exit codes: 0 no failed finding at or above
 * {@code --fail-on}, 1 otherwise, 2 usage or input error.
 */
@Command(name = "neptune-guard", mixinStandardHelpOptions = true, version = "neptune-guard 0.1.0",
        description = "Compliance guard for Amazon Neptune encryption at rest.",
        subcommands = {ScanCommand.class, ReplayCommand.class, DemoCommand.class})
public final class NeptuneGuardCli implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FINDINGS = 1;
    public static final int EXIT_INPUT = 2;

    private final Clock clock;

    NeptuneGuardCli(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("neptune-guard: a command is required: scan, replay or demo");
        spec.commandLine().usage(err);
        return EXIT_INPUT;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(Clock.systemUTC(), out, err, args));
    }

    /** Runs the CLI with the given clock and streams; returns the exit code. */
    static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new NeptuneGuardCli(clock));
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
