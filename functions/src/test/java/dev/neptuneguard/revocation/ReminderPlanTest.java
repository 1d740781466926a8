package dev.neptuneguard.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {

    private static final List<Duration> DEFAULT = ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS);

    @Test
    void scheduleName_legacyKeyOneDay_nameOfTheFixture() throws IOException {
        JsonNode fixture = Json.MAPPER.readTree(Demo.event("misc/scheduler-reminder-input.json"));

        assertThat(ReminderPlan.scheduleName(Demo.LEGACY, Duration.ofDays(1)))
                .isEqualTo(fixture.get("scheduleName").asText())
                .isEqualTo("ng-5555eeee55ee55ee55ee555555555555-P1D");
    }

    @Test
    void scheduleName_multiRegionKeyAndOddOffsets_validSchedulerName() {
        String mrk = Demo.keyArn("mrk-1234abcd12ab34cd56ef1234567890ab");
        for (Duration d : List.of(Duration.ofHours(6), Duration.ofMinutes(90), Duration.ofSeconds(3_601),
                Duration.ofDays(30))) {
            String name = ReminderPlan.scheduleName(mrk, d);
            assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z\\-_.]+")
                    .startsWith("ng-mrk1234abcd12ab34cd56ef1234567890ab-");
        }
        assertThat(ReminderPlan.label(Duration.ofHours(6))).isEqualTo("PT6H");
        assertThat(ReminderPlan.label(Duration.ofHours(72))).isEqualTo("P3D");
        assertThat(ReminderPlan.label(Duration.ofMinutes(90))).isEqualTo("PT90M");
        assertThat(ReminderPlan.label(Duration.ofSeconds(3_601))).isEqualTo("PT3601S");
    }

    @Test
    void plan_sevenDayWindowJustScheduled_skipsTheReminderAlreadyDue() {
        Instant now = Instant.parse("2026-11-23T17:10:40Z");

        List<Reminder> plan = ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION, DEFAULT,
                now);

        assertThat(plan).extracting(Reminder::offset).containsExactly(Duration.ofDays(3), Duration.ofDays(1),
                Duration.ofHours(6));
        assertThat(plan).extracting(Reminder::fireAt).containsExactly(Instant.parse("2026-11-27T17:10:02Z"),
                Instant.parse("2026-11-29T17:10:02Z"), Instant.parse("2026-11-30T11:10:02Z"));
    }

    @Test
    void plan_thirtyDayWindow_allFour() {
        Instant deletion = Instant.parse("2026-12-22T12:00:19Z");

        assertThat(ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, deletion, DEFAULT,
                Instant.parse("2026-11-22T12:00:30Z"))).hasSize(4);
    }

    @Test
    void plan_deletionInFiveHours_none() {
        Instant now = Demo.LEGACY_DELETION.minus(Duration.ofHours(5));

        assertThat(ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION, DEFAULT, now))
                .isEmpty();
    }

    @Test
    void isLast_sixHoursOrNothingLeftAfter_true() {
        Instant atOneDay = Demo.LEGACY_DELETION.minus(Duration.ofDays(1));
        Instant atSixHours = Demo.LEGACY_DELETION.minus(Duration.ofHours(6));

        assertThat(ReminderPlan.isLast(Duration.ofDays(1), Demo.LEGACY_DELETION, DEFAULT, atOneDay)).isFalse();
        assertThat(ReminderPlan.isLast(Duration.ofHours(6), Demo.LEGACY_DELETION, DEFAULT, atSixHours)).isTrue();
        assertThat(ReminderPlan.isLast(Duration.ofDays(1), Demo.LEGACY_DELETION, List.of(Duration.ofDays(1)),
                atOneDay)).isTrue();
    }

    @Test
    void parse_fixture_reminderOfTheLegacyKey() {
        Reminder r = ReminderParser.parse(Demo.event("misc/scheduler-reminder-input.json"));

        assertThat(r.keyArn()).isEqualTo(Demo.LEGACY);
        assertThat(r.account()).isEqualTo(Demo.ACCOUNT);
        assertThat(r.region()).isEqualTo(Demo.REGION);
        assertThat(r.deletionDate()).isEqualTo(Demo.LEGACY_DELETION);
        assertThat(r.offset()).isEqualTo(Duration.ofDays(1));
        assertThat(r.scheduleName()).isEqualTo("ng-5555eeee55ee55ee55ee555555555555-P1D");
    }

    @Test
    void toJson_plannedReminder_sameDocumentAsTheFixture() throws IOException {
        Reminder planned = ReminderPlan.plan(Demo.LEGACY, Demo.ACCOUNT, Demo.REGION, Demo.LEGACY_DELETION,
                List.of(Duration.ofDays(1)), Instant.parse("2026-11-23T17:10:40Z")).get(0);

        assertThat(planned.toJson()).isEqualTo(Json.MAPPER.readTree(Demo.event("misc/scheduler-reminder-input.json")));
        assertThat(ReminderParser.parse(planned.toJson().toString())).isEqualTo(planned);
    }

    @Test
    void parse_badInputs_failNamingTheProblem() throws IOException {
        ObjectNode good = (ObjectNode) Json.MAPPER.readTree(Demo.event("misc/scheduler-reminder-input.json"));

        assertThatThrownBy(() -> ReminderParser.parse("{oops")).isInstanceOf(BadReminderException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ReminderParser.parse(Demo.event("misc/sweep-scheduled-event.json")))
                .hasMessageContaining("expected 'neptune-guard.reminder'");
        assertThatThrownBy(() -> ReminderParser.parse(good.deepCopy().put("offset", "one day").toString()))
                .hasMessageContaining("offset 'one day' is not an ISO-8601 duration");
        assertThatThrownBy(() -> ReminderParser.parse(good.deepCopy().put("deletionDate", "Nov 30, 2026").toString()))
                .hasMessageContaining("deletionDate 'Nov 30, 2026' is not an ISO-8601 instant");
        ObjectNode noKey = good.deepCopy();
        noKey.remove("keyArn");
        assertThatThrownBy(() -> ReminderParser.parse(noKey.toString())).hasMessageContaining("no 'keyArn'");
        assertThatThrownBy(() -> ReminderParser.parse(good.deepCopy().put("keyArn", "alias/neptune-legacy").toString()))
                .hasMessageContaining("is not a KMS key ARN");
    }
}
