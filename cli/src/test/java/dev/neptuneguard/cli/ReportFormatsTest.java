package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.cli.report.OcsfSchema;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format ocsf} and {@code --format html} through the commands: scan --offline, replay, demo. */
class ReportFormatsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Path EVENTS = Path.of("..", "events");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final OcsfSchema schema = OcsfSchema.load();

    private int run(String... args) {
        return NeptuneGuardCli.run(CLOCK, new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path demoBundle() throws IOException {
        Path file = dir.resolve("demo-account.json");
        try (InputStream in = BundledResources.demoAccount()) {
            Files.copy(in, file);
        }
        return file;
    }

    private List<JsonNode> records(String json) throws IOException {
        JsonNode array = Json.MAPPER.readTree(json);
        assertThat(array.isArray()).as(json).isTrue();
        List<JsonNode> records = new ArrayList<>();
        array.forEach(records::add);
        return records;
    }

    private void assertConform(List<JsonNode> records) {
        for (JsonNode r : records) {
            assertThat(schema.problems(r)).as(r.toString()).isEmpty();
        }
    }

    @Test
    void demo_ocsf_everyRecordConformsAndHoldsScanAndReplays() throws IOException {
        int code = run("demo", "--format", "ocsf", "--include-passed");

        assertThat(code).isZero();
        List<JsonNode> records = records(out.toString());
        assertConform(records);
        List<String> ids = records.stream().map(r -> r.at("/finding_info/uid").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates()
                // from the scan of the bundled account
                .contains("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/arn:aws:rds:us-east-1:111122223333:cluster:"
                        + "graph-scratch")
                // only a replayed event (RestoreDBClusterFromSnapshot without a key) knows this cluster
                .contains("neptune-guard/NEPTUNE_CLUSTER_UNENCRYPTED/arn:aws:rds:us-east-1:111122223333:cluster:"
                        + "graph-restored");
        assertThat(records).extracting(r -> r.at("/compliance/status").asText()).contains("Fail", "Pass");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
            assertThat(r.at("/unmapped/source").asText()).isEqualTo("demo");
        });
        assertThat(err.toString()).contains("Replays:");
    }

    @Test
    void scanOffline_ocsf_failedOnlyUnlessAsked() throws IOException {
        Path bundle = demoBundle();

        assertThat(run("scan", "--offline", bundle.toString(), "--format", "ocsf")).isEqualTo(1);
        List<JsonNode> failed = records(out.toString());
        assertConform(failed);
        assertThat(failed).isNotEmpty()
                .allSatisfy(r -> assertThat(r.at("/compliance/status").asText()).isEqualTo("Fail"))
                .allSatisfy(r -> assertThat(r.at("/unmapped/source").asText()).isEqualTo("offline"));
        assertThat(failed).extracting(r -> r.get("status").asText()).contains("New", "Suppressed");
    }

    @Test
    void replay_ocsf_recordsTheEventAsCorrelation() throws IOException {
        Path event = EVENTS.resolve("rds/create-db-cluster-neptune-unencrypted.json");

        assertThat(run("replay", event.toString(), "--format", "ocsf")).isEqualTo(1);

        List<JsonNode> records = records(out.toString());
        assertConform(records);
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(r.at("/compliance/control").asText()).isEqualTo("NEPTUNE_CLUSTER_UNENCRYPTED");
        assertThat(r.at("/resources/0/name").asText()).isEqualTo("graph-scratch");
        assertThat(r.at("/unmapped/source").asText()).isEqualTo("replay");
        assertThat(r.at("/metadata/correlation_uid").asText())
                .isEqualTo(Json.MAPPER.readTree(event.toFile()).at("/detail/eventID").asText());
    }

    @Test
    void demo_htmlToOutput_writesOnePageAndNothingOnStdout() throws IOException {
        Path report = dir.resolve("report.html");

        assertThat(run("demo", "--format", "html", "--output", report.toString())).isZero();

        assertThat(out.toString()).isEmpty();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<dd id=\"ctx-source\">demo</dd>")
                .contains("2026-11-23 12:00 UTC (the run&#39;s clock)")
                .contains("graph-restored").contains("graph-scratch");
        // One row per distinct failed finding of the scan and the replays (a replay of a scanned resource: once).
        assertThat(run("demo", "--format", "json")).isZero();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                ids.add(Json.MAPPER.readTree(line).get("findingId").asText());
            }
        }
        int failed = ids.size();
        assertThat(html.split("<tbody class=\"finding\"", -1)).as(String.join("\n", ids)).hasSize(failed + 1);
    }

    @Test
    void replayEvents_html_goesToOutputFile() throws IOException {
        Path lines = dir.resolve("events.jsonl");
        Files.writeString(lines, Json.MAPPER.readTree(EVENTS.resolve("rds/create-db-cluster-neptune-unencrypted.json")
                .toFile()).toString() + "\n" + Json.MAPPER.readTree(EVENTS.resolve(
                "rds/create-db-cluster-neptune-default-key.json").toFile()).toString() + "\n");
        Path report = dir.resolve("replay.html");

        assertThat(run("replay", "--events", lines.toString(), "--format", "html", "--output", report.toString()))
                .isEqualTo(1);

        String html = Files.readString(report);
        assertThat(html).contains("<dd id=\"ctx-source\">replay</dd>").contains("graph-scratch")
                .contains("graph-analytics");
        assertThat(html.split("<tbody class=\"finding\"", -1)).hasSize(3);
    }

    @Test
    void replay_outputIsTheEvent_isRefused() throws IOException {
        Path event = dir.resolve("event.json");
        Files.copy(EVENTS.resolve("rds/create-db-cluster-neptune-unencrypted.json"), event);
        String before = Files.readString(event);

        assertThat(run("replay", event.toString(), "--format", "html", "--output", event.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--output is also an input");
        assertThat(Files.readString(event)).isEqualTo(before);
    }
}
