package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exit-code contract of every command, in process: 0 clean, 1 findings at or above {@code --fail-on}, 2 input or
 * usage error, 3 AWS could not be read, 4 internal error (one line on stderr, the trace only with {@code --debug}).
 * An internal error is provoked by a standard output that throws: an exception no command expects.
 */
class ExitCodesTest {

    private static final Path EVENTS = Path.of("..", "events");
    private static final String UNENCRYPTED_EVENT = EVENTS.resolve("rds/create-db-cluster-neptune-unencrypted.json")
            .toString();
    private static final String COMPLIANT_EVENT = EVENTS.resolve("kms/put-key-policy-benign.json").toString();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * One row of the table.
     *
     * @param args the command line, given the test's temporary directory (where it may write its inputs)
     * @param brokenStdout whether standard output throws on the first write
     */
    record Case(String name, int code, String stderr, Function<Path, List<String>> args, boolean brokenStdout) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("scan clean", 0, "", d -> List.of("scan", "--offline", cleanBundle(d)), false),
                new Case("scan findings", 1, "", d -> List.of("scan", "--offline", demoBundle(d)), false),
                new Case("scan findings below --fail-on", 0, "", d -> List.of("scan", "--offline",
                        DemoBundle.load().keepClusters("graph-analytics"::equals).write(d.resolve("m.json")).toString(),
                        "--fail-on", "high"), false),
                new Case("scan missing file", 2, "not found", d -> List.of("scan", "--offline",
                        d.resolve("none.json").toString()), false),
                new Case("scan unknown option", 2, "Unknown option", d -> List.of("scan", "--frobnicate"), false),
                new Case("scan live unreachable", 3, "us-east-1: FAILED", d -> List.of("scan", "--region", "us-east-1",
                        "--format", "json", "--endpoint-url", unreachable()), false),
                new Case("scan internal", 4, "internal error", d -> List.of("scan", "--offline", demoBundle(d)), true),
                new Case("replay clean", 0, "", d -> List.of("replay", COMPLIANT_EVENT), false),
                new Case("replay findings", 1, "", d -> List.of("replay", UNENCRYPTED_EVENT), false),
                new Case("replay missing event", 2, "not found", d -> List.of("replay", d.resolve("e.json").toString()),
                        false),
                new Case("replay config invocation without resourceId", 2, "names no resourceType or resourceId",
                        d -> List.of("replay", configInvocationWithoutResourceId(d)), false),
                new Case("replay live unreachable", 3, "not evaluated", d -> List.of("replay", UNENCRYPTED_EVENT,
                        "--live", "--endpoint-url", unreachable()), false),
                new Case("replay internal", 4, "internal error", d -> List.of("replay", UNENCRYPTED_EVENT), true),
                new Case("demo", 0, "", d -> List.of("demo"), false),
                new Case("demo whole-document format", 2, "not available for demo",
                        d -> List.of("demo", "--format", "csv"), false),
                new Case("demo internal", 4, "internal error", d -> List.of("demo"), true),
                new Case("export-commands", 0, "", d -> List.of("export-commands", "--region", "us-east-1"), false),
                new Case("export-commands unsafe dir", 2, "--dir may hold only",
                        d -> List.of("export-commands", "--dir", "x;rm"), false),
                new Case("export-commands internal", 4, "internal error", d -> List.of("export-commands"), true),
                new Case("no command", 2, "a command is required", d -> List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void command_case_exitsWithContractCode(Case c) {
        int code = run(c.brokenStdout(), c.args().apply(dir));

        assertThat(code).as(err.toString()).isEqualTo(c.code());
        assertThat(err.toString()).contains(c.stderr()).doesNotContain("\tat ").doesNotContain("Exception in");
        if (c.code() == NeptuneGuardCli.EXIT_INTERNAL) {
            assertThat(err.toString().lines().filter(l -> l.startsWith("neptune-guard: internal error"))).hasSize(1);
            assertThat(err.toString()).contains("--debug");
        }
    }

    @Test
    void internalError_debug_printsStackTrace() {
        int code = run(true, List.of("scan", "--offline", demoBundle(dir), "--debug"));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INTERNAL);
        assertThat(err.toString()).contains("neptune-guard: internal error, java.lang.IllegalStateException: "
                + "standard output broke").contains("\tat ");
    }

    @Test
    void inputError_debug_printsStackTraceAndStillExitsTwo() {
        int code = run(false, List.of("--debug", "scan", "--offline", dir.resolve("none.json").toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("InputException").contains("\tat ");
    }

    @Test
    void failed_errorWithControlCharacters_printsOneEscapedLine() {
        StringWriter sink = new StringWriter();

        int code = NeptuneGuardCli.failed(new StackOverflowError("deep\n\u001b[2Jforged"), false,
                new PrintWriter(sink));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INTERNAL);
        assertThat(sink.toString().lines()).hasSize(1);
        assertThat(sink.toString()).contains("java.lang.StackOverflowError: deep").doesNotContain("\u001b");
    }

    @Test
    void failed_inputMessageWithLineBreak_keepsItOnOneLine() {
        StringWriter sink = new StringWriter();

        int code = NeptuneGuardCli.failed(new InputException("a\nCRITICAL forged.json: not found"), false,
                new PrintWriter(sink));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(sink.toString()).isEqualTo("neptune-guard: a\\nCRITICAL forged.json: not found"
                + System.lineSeparator());
    }

    private int run(boolean brokenStdout, List<String> args) {
        PrintWriter stdout = new PrintWriter(brokenStdout ? new BrokenWriter() : out);
        return NeptuneGuardCli.run(LiveScanIT.context(false), stdout, new PrintWriter(err), args.toArray(String[]::new));
    }

    static String demoBundle(Path dir) {
        return DemoBundle.load().write(dir.resolve("demo.json")).toString();
    }

    /** The demo account cut down to graph-prod: a CMK that is enabled, its snapshot on the same key. */
    static String cleanBundle(Path dir) {
        return DemoBundle.load().keepClusters("graph-prod"::equals).write(dir.resolve("clean.json")).toString();
    }

    /** A real AWS Config change notification whose configuration item lost its {@code resourceId}. */
    static String configInvocationWithoutResourceId(Path dir) {
        try {
            ObjectNode invocation = (ObjectNode) Json.MAPPER.readTree(
                    EVENTS.resolve("config/change-neptune-cluster-default-key.json").toFile());
            ObjectNode invoking = (ObjectNode) Json.MAPPER.readTree(invocation.get("invokingEvent").asText());
            ((ObjectNode) invoking.get("configurationItem")).remove("resourceId");
            invocation.put("invokingEvent", Json.MAPPER.writeValueAsString(invoking));
            Path file = dir.resolve("config-without-resource-id.json");
            Json.MAPPER.writeValue(file.toFile(), invocation);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An http URL on a local port nothing listens on: every call is refused at once. */
    static String unreachable() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A standard output that fails as nothing in the CLI expects. */
    private static final class BrokenWriter extends Writer {

        @Override
        public void write(char[] buf, int off, int len) {
            throw new IllegalStateException("standard output broke");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
