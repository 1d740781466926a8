package dev.neptuneguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.cli.offline.TimeShift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo reads right on any day: run with clocks years apart, the key pending deletion is days ahead of the clock,
 * never past, and the report is otherwise the same, line for line, as on the day its data was recorded.
 */
class DemoTimeTest {

    /** The demo account's recorded exportTime. */
    private static final Instant RECORDED = Instant.parse("2026-11-26T12:00:00Z");
    private static final Pattern DELETION = Pattern.compile(
            "is PendingDeletion and will be deleted on (\\S+) \\(in (\\d+) days\\)");
    private static final Pattern DATES = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?)?");

    @TempDir
    Path dir;

    private static CliRun run(Clock clock, String... args) {
        return CliRun.of(clock, args);
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** The report with every date and the shift's day count blanked: what must not change from one day to another. */
    private static String shape(String report) {
        return DATES.matcher(report).replaceAll("<date>").replaceAll("moved [\\d,]+ days (ahead|back)", "moved N days");
    }

    @ParameterizedTest(name = "demo run at {0}")
    @ValueSource(strings = {"2031-05-10T03:00:00Z", "2040-02-29T23:59:30Z", "2026-12-05T08:00:00Z",
            "2026-11-20T00:00:00Z"})
    void demo_anyDay_deletionDateIsDaysAheadAndTheReportKeepsItsShape(String now) {
        Clock clock = at(now);
        CliRun baseline = run(Clock.fixed(RECORDED, ZoneOffset.UTC), "demo");
        CliRun demo = run(clock, "demo");

        assertThat(demo.code()).as(demo.err()).isZero();
        Matcher m = DELETION.matcher(demo.out());
        assertThat(m.find()).as(demo.out()).isTrue();
        Instant deletion = Instant.parse(m.group(1));
        assertThat(deletion).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(6)));
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(4);
        assertThat(demo.out()).doesNotContain("was due on").doesNotContain("days ago").doesNotContain("(now)")
                .contains("become unrecoverable on " + deletion.toString().substring(0, 10));
        Instant asOf = TimeShift.between(RECORDED, clock.instant()).shift(RECORDED);
        assertThat(demo.out()).startsWith("== neptune-guard demo ==\nDates as of " + asOf + ": the demo account and "
                + "its sample events were recorded as of 2026-11-26T12:00:00Z, and every date in them is moved ")
                .contains("Dates as of the export's time " + asOf + " (recorded in demo account).");
        assertThat(shape(demo.out())).isEqualTo(shape(baseline.out()));
        assertThat(demo.out()).as("events are replayed with their dates moved too").isNotEqualTo(baseline.out());
    }

    @Test
    void demo_todaysRealClock_deletionDateIsAheadOfNow() {
        Instant before = Instant.now();
        CliRun demo = run(Clock.systemUTC(), "demo");

        assertThat(demo.code()).as(demo.err()).isZero();
        Matcher m = DELETION.matcher(demo.out());
        assertThat(m.find()).as(demo.out()).isTrue();
        assertThat(Instant.parse(m.group(1))).isAfter(before).isBefore(before.plus(Duration.ofDays(6)));
        assertThat(demo.out()).doesNotContain("was due on").doesNotContain("days ago");
    }

    @Test
    void demo_json_everyFindingCarriesTheTimeItWasJudgedAs() {
        Clock clock = at("2040-02-29T23:59:30Z");
        CliRun demo = run(clock, "demo", "--format", "json");

        assertThat(demo.code()).as(demo.err()).isZero();
        List<JsonNode> lines = demo.findings();
        assertThat(lines).hasSizeGreaterThan(10).allSatisfy(f -> {
            assertThat(f.get("asOf").asText()).isEqualTo("2040-02-29T12:00:00Z");
            assertThat(f.get("asOfSource").asText()).isEqualTo("export");
        });
        assertThat(lines).filteredOn(f -> f.has("deletionDate")).isNotEmpty().allSatisfy(f -> assertThat(
                Instant.parse(f.get("deletionDate").asText())).isAfter(clock.instant()));
        assertThat(demo.err()).startsWith("Dates as of 2040-02-29T12:00:00Z: ");
    }

    @Test
    void replay_bundledEventOutsideTheDemo_keepsItsRecordedDatesAndIsJudgedAsOfTheDemoAccountsTime()
            throws IOException {
        String text = BundledResources.events().stream()
                .filter(e -> e.getKey().equals("events/kms/schedule-key-deletion-legacy.json"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        Path event = Files.writeString(dir.resolve("event.json"), text);

        CliRun replay = run(at("2040-02-29T23:59:30Z"), "replay", event.toString());

        assertThat(replay.code()).as(replay.err()).isEqualTo(NeptuneGuardCli.EXIT_FINDINGS);
        assertThat(replay.out()).contains("ScheduleKeyDeletion → KEY_DELETION_SCHEDULED arn:aws:kms:us-east-1:111122223333:key/5555eeee-")
                .contains("  Dates as of the export's time 2026-11-26T12:00:00Z (recorded in demo account).")
                .contains("will be deleted on 2026-11-30T17:10:02Z (in 4 days)");
    }

    @Test
    void bundledFiles_keepTheirRecordedDates() {
        assertThat(BundledResources.events()).filteredOn(e -> e.getKey().equals(
                        "events/kms/schedule-key-deletion-legacy.json")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("\"eventTime\": \"2026-11-23T17:10:02Z\"")
                        .contains("\"deletionDate\": \"Nov 30, 2026, 5:10:02 PM\""));
        BundledResources.Demo demo = BundledResources.demo(Instant.parse("2031-05-10T03:00:00Z"));
        assertThat(demo.events()).filteredOn(e -> e.getKey().equals("events/kms/schedule-key-deletion-legacy.json"))
                .singleElement().satisfies(e -> assertThat(e.getValue())
                        .contains("\"eventTime\":\"2031-05-06T17:10:02Z\"")
                        .contains("\"deletionDate\":\"May 13, 2031, 5:10:02 PM\""));
    }
}
