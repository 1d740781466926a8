package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code scan --output FILE} never destroys data: on every error the previous report is left as it was and no
 * temporary file stays behind; an output that is one of the inputs (by any name) is refused before anything is
 * read or written; a successful run replaces the report in one rename.
 */
class SafeOutputTest {

    private static final String PREVIOUS = "the previous report\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A hostile run: its arguments given the folder, the previous report and the demo export in it. */
    record Case(String name, int code, String message, Function<Files3, List<String>> args) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The files a case can point at. */
    record Files3(Path dir, Path report, Path export) {
    }

    static Stream<Case> errors() {
        return Stream.of(
                new Case("missing input", 2, "not found", f -> List.of("scan", "--offline",
                        f.dir().resolve("none.json").toString(), "--output", f.report().toString())),
                new Case("policy with a misspelt setting", 2, "did you mean 'allowedKeyArns'", f -> List.of("scan",
                        "--offline", f.export().toString(), "--policy", write(f.dir().resolve("p.json"),
                                "{\"allowedKeyArn\": [\"alias/x\"]}").toString(), "--output", f.report().toString())),
                new Case("unreadable policy", 2, "cannot read policy", f -> List.of("scan", "--offline",
                        f.export().toString(), "--policy", write(f.dir().resolve("p.json"), "{").toString(),
                        "--output", f.report().toString())),
                new Case("bad option after --output", 2, "--parallelism", f -> List.of("scan", "--offline",
                        f.export().toString(), "--output", f.report().toString(), "--parallelism", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void scan_errorWithOutput_previousReportKeptNoTemporaryFile(Case c) throws IOException {
        Files3 f = setUp();

        int code = run(LiveScanIT.CLOCK, c.args().apply(f));

        assertThat(code).as(err.toString()).isEqualTo(c.code());
        assertThat(err.toString()).contains(c.message());
        assertThat(Files.readString(f.report())).isEqualTo(PREVIOUS);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void scan_internalErrorWithOutput_previousReportKept() throws IOException {
        Files3 f = setUp();
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock broke");
            }
        };

        int code = run(broken, List.of("scan", "--offline", f.export().toString(), "--output", f.report().toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INTERNAL);
        assertThat(Files.readString(f.report())).isEqualTo(PREVIOUS);
        assertThat(leftovers()).isEmpty();
    }

    static Stream<String> sameFileAsInput() {
        return Stream.of("same path", "other spelling", "symbolic link", "hard link", "policy file");
    }

    @ParameterizedTest
    @MethodSource("sameFileAsInput")
    void scan_outputIsAnInput_refusedAndInputIntact(String how) throws IOException {
        Files3 f = setUp();
        byte[] before = Files.readAllBytes(f.export());
        Path policy = write(dir.resolve("policy.json"), "{\"requireKeyRotation\": false}");
        Path output = switch (how) {
            case "same path" -> f.export();
            case "other spelling" -> dir.resolve("sub").resolve("..").resolve(f.export().getFileName());
            case "symbolic link" -> Files.createSymbolicLink(dir.resolve("link.json"), f.export());
            case "hard link" -> Files.createLink(dir.resolve("hard.json"), f.export());
            default -> policy;
        };
        Files.createDirectories(dir.resolve("sub"));

        int code = run(LiveScanIT.CLOCK, List.of("scan", "--offline", f.export().toString(), "--policy",
                policy.toString(), "--format", "json", "--output", output.toString()));

        assertThat(code).as(err.toString()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("--output is also an input");
        assertThat(Files.readAllBytes(f.export())).isEqualTo(before);
        assertThat(Files.readString(policy)).isEqualTo("{\"requireKeyRotation\": false}");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void scan_outputIsAFolder_refused() throws IOException {
        Files3 f = setUp();

        int code = run(LiveScanIT.CLOCK, List.of("scan", "--offline", f.export().toString(), "--output",
                dir.toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("--output names a folder");
    }

    @Test
    void scan_outputInMissingFolder_refused() throws IOException {
        Files3 f = setUp();

        int code = run(LiveScanIT.CLOCK, List.of("scan", "--offline", f.export().toString(), "--output",
                dir.resolve("no").resolve("such").resolve("r.json").toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void scan_success_reportReplacedAtomicallyNoTemporaryFile() throws IOException {
        Files3 f = setUp();

        int code = run(LiveScanIT.CLOCK, List.of("scan", "--offline", f.export().toString(), "--format", "json",
                "--output", f.report().toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(Files.readString(f.report(), StandardCharsets.UTF_8)).doesNotContain(PREVIOUS)
                .contains("\"ruleId\":\"NEPTUNE_CLUSTER_UNENCRYPTED\"");
        assertThat(out.toString()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void scan_newOutputFile_created() throws IOException {
        Files3 f = setUp();
        Path fresh = dir.resolve("fresh.csv");

        int code = run(LiveScanIT.CLOCK, List.of("scan", "--offline", f.export().toString(), "--format", "csv",
                "--output", fresh.toString()));

        assertThat(code).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(Files.readString(fresh)).startsWith("ruleId,");
    }

    private Files3 setUp() {
        Path report = write(dir.resolve("report.json"), PREVIOUS);
        Path export = DemoBundle.load().write(dir.resolve("export.json"));
        return new Files3(dir, report, export);
    }

    private int run(Clock clock, List<String> args) {
        return NeptuneGuardCli.run(clock, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }

    private List<Path> leftovers() throws IOException {
        List<Path> tmp = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(tmp::add);
        }
        return tmp;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
