package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.cli.offline.EventFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile event files through {@code replay}, in process: a file that is not one usable event is exit code 2 with one
 * line naming the file and what is wrong, never exit 0 "like a clean event"; {@code --events} reports every line and
 * then exits 2 if any line was not usable; encodings do not change the result.
 */
class ReplayReaderHostileTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Path EVENTS = Path.of("..", "events");
    private static final String UNENCRYPTED = "rds/create-db-cluster-neptune-unencrypted.json";
    private static final String OTHER_ENGINE = "rds/create-db-cluster-aurora-mysql.json";

    @TempDir
    Path dir;

    private static String event(String file) {
        try {
            return Files.readString(EVENTS.resolve(file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture on one line, as a JSON lines file holds it. */
    private static String line(String file) {
        return event(file).replaceAll("\\s*\\R\\s*", " ");
    }

    static Stream<Arguments> hostileEvents() {
        String one = event(UNENCRYPTED);
        return Stream.of(
                text("empty file", "", "empty (expected one EventBridge event or AWS Config rule invocation"),
                text("only white space", "\n \n", "empty (expected one EventBridge event"),
                text("not JSON", "CreateDBCluster graph-scratch", "not valid JSON at line 1"),
                text("truncated", one.substring(0, one.length() / 2), "not valid JSON"),
                text("an array of events", "[" + one + "]", "a JSON array; replay takes one event per file: for "
                        + "many events, write one per line and use --events FILE.jsonl"),
                text("an empty array", "[]", "a JSON array"),
                text("a number", "5", "expected one EventBridge event or AWS Config rule invocation (a JSON object), "
                        + "found a number (5)"),
                text("a string", "\"CreateDBCluster\"", "found a string (\"CreateDBCluster\")"),
                text("JSON null", "null", "found null"),
                text("an empty object", "{}", "not an EventBridge event: 'source', 'detail-type' and an object "
                        + "'detail' are required (replay takes an EventBridge event"),
                text("detail that is a string", "{\"source\": \"aws.rds\", \"detail-type\": \"AWS API Call via "
                        + "CloudTrail\", \"detail\": \"{}\"}", "not an EventBridge event"),
                text("two events concatenated", one + "\n" + one, "a second JSON document starts at line"),
                text("JSON lines without --events", line(UNENCRYPTED) + "\n" + line(OTHER_ENGINE) + "\n",
                        "a second JSON document starts at line 2, column 1"),
                text("garbage after the event", one + " ]", "unexpected content after the JSON document"),
                text("a key given twice", "{\"source\": \"aws.kms\", \"source\": \"aws.rds\"}", "Duplicate field "
                        + "'source'"),
                bytes("UTF-16 without a byte order mark", one.getBytes(StandardCharsets.UTF_16BE), "NUL bytes"),
                bytes("bytes that are not UTF-8", new byte[] {'{', (byte) 0xC3, '}'}, "not valid text in its encoding"),
                bytes("larger than Lambda's payload limit", ("{\"x\": \"" + "a".repeat(6 * 1024 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8), "more than 6,291,456; no event is larger than Lambda's "
                        + "6 MB payload limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileEvents")
    void replay_hostileEventFile_exitsTwoNamingTheFile(String name, byte[] content, List<String> expected)
            throws IOException {
        Path file = dir.resolve("event.json");
        Files.write(file, content);

        Run run = run("replay", file.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err().strip()).startsWith("neptune-guard: " + file + ": ").doesNotContain("\n")
                .doesNotContain("\tat ");
        expected.forEach(fragment -> assertThat(run.err()).contains(fragment));
        assertThat(run.out()).doesNotContain("Event " + file);
    }

    @Test
    void replay_utf16EventWithBom_sameAsUtf8() throws IOException {
        Path utf8 = dir.resolve("utf8.json");
        Files.writeString(utf8, event(UNENCRYPTED));
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, OfflineReaderHostileTest.withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, event(UNENCRYPTED),
                StandardCharsets.UTF_16LE));
        Path bom8 = dir.resolve("bom8.json");
        Files.write(bom8, OfflineReaderHostileTest.withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                event(UNENCRYPTED), StandardCharsets.UTF_8));

        Run expected = run("replay", "--format", "json", utf8.toString());

        assertThat(expected.code()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(expected.out()).contains("NEPTUNE_CLUSTER_UNENCRYPTED");
        for (Path other : List.of(utf16, bom8)) {
            Run actual = run("replay", "--format", "json", other.toString());
            assertThat(actual.code()).as(actual.err()).isEqualTo(expected.code());
            assertThat(actual.out()).isEqualTo(expected.out());
        }
    }

    @Test
    void replayEvents_badLineAmongGoodOnes_reportsEveryLineThenExitsTwo() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, line(UNENCRYPTED) + "\n{\"DBClusters\": [\n\n" + line(OTHER_ENGINE) + "\r\n[1]\n");

        Run run = run("replay", "--events", file.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.out()).contains("Event " + file + ":1: CreateDBCluster → CLUSTER_CREATED graph-scratch")
                .contains("NEPTUNE_CLUSTER_UNENCRYPTED")
                .contains("Event " + file + ":4: ignored (OTHER_ENGINE)")
                .contains("Replayed 2 of 4 events from " + file);
        assertThat(run.err()).contains("neptune-guard: " + file + ":2: not valid JSON")
                .contains("neptune-guard: " + file + ":5: a JSON array")
                .contains("neptune-guard: " + file + ": 2 of 4 lines are not usable events (lines 2, 5): fix or "
                        + "remove them");
    }

    @Test
    void replayEvents_allLinesUsable_exitCodeFromTheFindings() throws IOException {
        Path findings = dir.resolve("findings.jsonl");
        Files.writeString(findings, line(OTHER_ENGINE) + "\n" + line(UNENCRYPTED) + "\n");
        Path clean = dir.resolve("clean.jsonl");
        Files.writeString(clean, line(OTHER_ENGINE) + "\n" + line("misc/ec2-run-instances.json"));

        Run withFindings = run("replay", "--format", "json", "--events", findings.toString());
        Run without = run("replay", "--events", clean.toString());

        assertThat(withFindings.code()).as(withFindings.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(withFindings.out().lines()).singleElement().asString().contains("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(withFindings.err()).contains("Replayed 2 of 2 events");
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(without.out()).contains("Replayed 2 of 2 events").contains("ignored (UNSUPPORTED_SOURCE)");
    }

    @Test
    void replayEvents_moreThanTheLimit_refusedBeforeAnyIsReplayed() throws IOException {
        Path file = dir.resolve("many.jsonl");
        String one = line(UNENCRYPTED);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i <= EventFiles.MAX_EVENTS; i++) {
                w.write(one);
                w.write('\n');
            }
        }

        Run run = run("replay", "--events", file.toString());

        assertThat(run.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err().strip()).isEqualTo("neptune-guard: " + file + ": more than 10,000 events (one per line); "
                + "split the file");
        assertThat(run.out()).doesNotContain("Event ");
    }

    @Test
    void replayEvents_exactlyTheLimit_isReplayed() throws IOException {
        Path file = dir.resolve("limit.jsonl");
        String one = line(OTHER_ENGINE);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < EventFiles.MAX_EVENTS; i++) {
                w.write(one);
                w.write('\n');
            }
        }

        Run run = run("replay", "--format", "json", "--events", file.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("Replayed 10,000 of 10,000 events");
    }

    @Test
    void replayEvents_onlyBlankLines_exitsTwo() throws IOException {
        Path file = dir.resolve("blank.jsonl");
        Files.writeString(file, "\n  \n\r\n");

        Run run = run("replay", "--events", file.toString());

        assertThat(run.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(run.err()).contains(file + ": no events (expected one EventBridge event");
    }

    @Test
    void replay_eventFileAndEventsOrNeither_exitsTwo() throws IOException {
        Path file = dir.resolve("one.jsonl");
        Files.writeString(file, line(UNENCRYPTED));

        Run both = run("replay", "--events", file.toString(), EVENTS.resolve(UNENCRYPTED).toString());
        Run neither = run("replay");
        Run live = run("replay", "--live", "--events", file.toString());

        assertThat(both.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(both.err()).contains("give one event file (EVENT.json) or --events FILE.jsonl");
        assertThat(neither.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(neither.err()).contains("not neither");
        assertThat(live.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(live.err()).contains("--events replays offline");
    }

    private static Arguments text(String name, String content, String... expected) {
        return Arguments.of(name, content.getBytes(StandardCharsets.UTF_8), List.of(expected));
    }

    private static Arguments bytes(String name, byte[] content, String... expected) {
        return Arguments.of(name, content, List.of(expected));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {
    }
}
