package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.offline.AccountExport;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offline export is judged as of the time it records (a bundle's {@code exportTime}, export-commands'
 * {@code export-time.json}), not as of the day it is scanned; without one, as of the run's clock, and the report says
 * which. The demo bundle's key is due for deletion on 2026-11-30T17:10:02Z.
 */
class OfflineExportTimeTest {

    private static final Clock LATER = Clock.fixed(Instant.parse("2026-12-05T17:10:02Z"), ZoneOffset.UTC);
    private static final String DELETION = "2026-11-30T17:10:02Z";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(LATER, args);
    }

    private Path bundle(String name, String exportTime) {
        return DemoBundle.load().editRoot(root -> {
            if (exportTime == null) {
                root.remove(AccountExport.EXPORT_TIME);
            } else {
                root.put(AccountExport.EXPORT_TIME, exportTime);
            }
        }).write(dir.resolve(name));
    }

    /** The demo bundle's outputs, one file each, in a folder, as export-commands would leave them. */
    private Path folder(String exportTime) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("export"));
        int i = 0;
        for (JsonNode output : DemoBundle.load().json().get("outputs")) {
            Json.MAPPER.writeValue(folder.resolve("output-" + (i++) + ".json").toFile(), output);
        }
        if (exportTime != null) {
            Files.writeString(folder.resolve("export-time.json"), "{\"exportTime\": \"" + exportTime + "\"}\n");
        }
        return folder;
    }

    @Test
    void scanOffline_bundleRecordsItsTime_datesCountFromItAndTheReportSaysSo() throws IOException {
        Path file = bundle("bundle.json", "2026-11-23T17:10:30Z");

        CliRun table = run("scan", "--offline", file.toString());
        CliRun json = run("scan", "--offline", file.toString(), "--format", "json");

        assertThat(table.code()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(table.out()).contains("  Dates as of the export's time 2026-11-23T17:10:30Z (recorded in " + file
                        + ").")
                .contains("is PendingDeletion and will be deleted on " + DELETION + " (in 7 days)")
                .doesNotContain("was due on");
        assertThat(json.findings()).hasSizeGreaterThan(5).allSatisfy(f -> {
            assertThat(f.get("asOf").asText()).isEqualTo("2026-11-23T17:10:30Z");
            assertThat(f.get("asOfSource").asText()).isEqualTo("export");
        });
        assertThat(json.err()).contains("Dates as of the export's time 2026-11-23T17:10:30Z");
    }

    @Test
    void scanOffline_noRecordedTime_datesCountFromTheClockAndAPastDeletionIsWordedAsPast() throws IOException {
        Path file = bundle("bundle.json", null);

        CliRun table = run("scan", "--offline", file.toString());
        CliRun json = run("scan", "--offline", file.toString(), "--format", "json");

        assertThat(table.out()).contains("  Dates as of now, 2026-12-05T17:10:02Z: the export records no time of its "
                        + "own (export-commands writes it to export-time.json).")
                .contains("reads PendingDeletion, but its deletion was due on " + DELETION + " (5 days ago): the key "
                        + "is probably deleted by now (this data predates it) — check with aws kms describe-key")
                .doesNotContain("(now)");
        assertThat(json.findings()).allSatisfy(f -> {
            assertThat(f.get("asOf").asText()).isEqualTo("2026-12-05T17:10:02Z");
            assertThat(f.get("asOfSource").asText()).isEqualTo("clock");
        });
    }

    @Test
    void scanOffline_exportTimeFileInTheFolder_datesEveryFileOfTheFolderAndNotTheirModificationTimes()
            throws IOException {
        Path folder = folder("2026-11-27T17:10:02Z");
        List<String> files = new ArrayList<>();
        try (var listed = Files.list(folder)) {
            listed.sorted().forEach(p -> files.add(p.toString()));
        }

        CliRun whole = run("scan", "--offline", folder.toString());
        List<String> args = new ArrayList<>(List.of("scan", "--offline"));
        args.addAll(files);
        CliRun loose = run(args.toArray(String[]::new));

        for (CliRun r : List.of(whole, loose)) {
            assertThat(r.out()).contains("Dates as of the export's time 2026-11-27T17:10:02Z (recorded by "
                    + "export-commands in " + folder.resolve("export-time.json") + ").")
                    .contains("will be deleted on " + DELETION + " (in 3 days)");
        }
        Files.delete(folder.resolve("export-time.json"));
        try (var listed = Files.list(folder)) {
            for (Path p : listed.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2026-11-27T17:10:02Z")));
            }
        }
        assertThat(run("scan", "--offline", folder.toString()).out())
                .as("a file's modification time is not the export's time")
                .contains("Dates as of now, 2026-12-05T17:10:02Z: the export records no time")
                .contains("its deletion was due on " + DELETION + " (5 days ago)");
    }

    @Test
    void scanOffline_twoAccountsExportedOnDifferentDays_eachIsJudgedAsOfItsOwnExport() throws IOException {
        Path a = bundle("a.json", "2026-11-23T17:10:30Z");
        String text = Files.readString(bundle("b-source.json", "2026-11-29T17:10:30Z"))
                .replace("111122223333", "444455556666");
        Path b = Files.writeString(dir.resolve("b.json"), text);

        CliRun json = run("scan", "--offline", a.toString(), b.toString(), "--format", "json");

        List<JsonNode> found = json.findings();
        assertThat(found).filteredOn(f -> f.get("account").asText().equals("111122223333")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("asOf").asText()).isEqualTo("2026-11-23T17:10:30Z"));
        assertThat(found).filteredOn(f -> f.get("account").asText().equals("444455556666")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("asOf").asText()).isEqualTo("2026-11-29T17:10:30Z"));
        assertThat(found).filteredOn(f -> f.get("ruleId").asText().equals("KMS_KEY_DELETION_SCHEDULED_IN_USE"))
                .extracting(f -> f.get("account").asText() + " " + f.get("detail").asText().contains("(in 7 days)")
                        + " " + f.get("detail").asText().contains("(in 1 day)"))
                .containsExactlyInAnyOrder("111122223333 true false", "444455556666 false true");
    }

    @Test
    void replayOffline_exportRecordsItsTime_theEventIsJudgedAsOfIt() throws IOException {
        Path file = bundle("bundle.json", "2026-11-23T17:10:30Z");
        String event = BundledResources.events().stream()
                .filter(e -> e.getKey().equals("events/kms/disable-key-legacy.json"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        Path eventFile = Files.writeString(dir.resolve("event.json"), event);

        CliRun replay = run("replay", eventFile.toString(), "--offline", file.toString(), "--format", "json");

        assertThat(replay.err()).contains("Dates as of the export's time 2026-11-23T17:10:30Z (recorded in " + file);
        assertThat(replay.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("asOf").asText()).isEqualTo("2026-11-23T17:10:30Z");
            assertThat(f.get("asOfSource").asText()).isEqualTo("export");
        });
    }

    @Test
    void scanOffline_oneAccountFromExportsOfTwoTimes_judgedAsOfTheLaterAndTheReportNamesBoth() throws IOException {
        JsonNode outputs = DemoBundle.load().json().get("outputs");
        Path early = Files.createDirectories(dir.resolve("early"));
        Path late = Files.createDirectories(dir.resolve("late"));
        for (int i = 0; i < outputs.size(); i++) {
            Path into = outputs.get(i).has("DBClusterSnapshots") ? late : early;
            Json.MAPPER.writeValue(into.resolve("output-" + i + ".json").toFile(), outputs.get(i));
        }
        Files.writeString(early.resolve("export-time.json"), "{\"exportTime\": \"2026-11-23T17:10:30Z\"}");
        Files.writeString(late.resolve("export-time.json"), "{\"exportTime\": \"2026-11-25T17:10:30Z\"}");

        CliRun r = run("scan", "--offline", early.toString(), late.toString());

        assertThat(r.out()).contains("Dates as of the export's time 2026-11-25T17:10:30Z (recorded by export-commands in "
                + late.resolve("export-time.json") + ", the latest of 2 export times recorded for this account and "
                + "region's files (2026-11-23T17:10:30Z, 2026-11-25T17:10:30Z)).")
                .contains("will be deleted on " + DELETION + " (in 5 days)");
    }

    @Test
    void scanOffline_exportTimeAfterTheRunsClock_isUsedAndQuestioned() {
        Path file = bundle("bundle.json", "2027-01-01T00:00:00Z");

        CliRun r = run("scan", "--offline", file.toString());

        assertThat(r.out()).contains("Dates as of the export's time 2027-01-01T00:00:00Z (recorded in " + file
                + "; that is after this run's clock, 2026-12-05T17:10:02Z: check the clock of the machine that took the "
                + "export).");
    }

    @Test
    void scanOffline_exportTimeNotATime_exitTwoWithWhereAndWhat() {
        Path file = bundle("bundle.json", "last Tuesday");

        CliRun r = run("scan", "--offline", file.toString());

        assertThat(r.code()).isEqualTo(NeptuneGuardCli.EXIT_INPUT);
        assertThat(r.err()).contains(file + ": $.exportTime: expected the time the export was taken as ISO-8601 with "
                + "a zone, e.g. \"2026-11-23T17:10:30Z\" (date -u +%Y-%m-%dT%H:%M:%SZ), found \"last Tuesday\"");
    }
}
