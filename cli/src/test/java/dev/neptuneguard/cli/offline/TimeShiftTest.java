package dev.neptuneguard.cli.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeShiftTest {

    private static final TimeShift PLUS_1625 = TimeShift.ofDays(1625);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // the AWS CLI's dates (describe-db-clusters, describe-key, list-aliases)
            "2026-11-16T03:12:44.118000+00:00|2031-04-29T03:12:44.118000+00:00",
            "2026-11-30T17:10:02+00:00|2031-05-13T17:10:02+00:00",
            // CloudTrail and EventBridge envelope times, the bundle's exportTime
            "2026-11-23T17:10:02Z|2031-05-06T17:10:02Z",
            "2026-11-21T09:44:51.508Z|2031-05-04T09:44:51.508Z",
            "2026-12-31|2031-06-13",
            // Java date strings in CloudTrail responseElements, in each style the corpus has
            "'Nov 30, 2026, 5:10:02 PM'|'May 13, 2031, 5:10:02 PM'",
            "'Dec 1, 2026 18:58:30 PM'|'May 14, 2031 18:58:30 PM'",
            "'Nov 20, 2026 3:18:55 PM'|'May 3, 2031 3:18:55 PM'",
            "'Dec 31, 2026, 12:00:00 AM'|'Jun 13, 2031, 12:00:00 AM'",
            // an exemption's end, inside the tag's text
            "'disposable load-test data; until=2027-03-31'|'disposable load-test data; until=2031-09-11'",
            // names that hold a date are identifiers, not times; other text and numbers stay
            "rds:graph-legacy-2026-11-23-03-10|rds:graph-legacy-2026-11-23-03-10",
            "graph-analytics-manual-2026-11-20|graph-analytics-manual-2026-11-20",
            "1.3.2.1|1.3.2.1",
            "'at(2026-11-30T11:10:02)'|'at(2026-11-30T11:10:02)'",
            "'until 2027-03-31'|'until 2027-03-31'",
    })
    void shiftText_knownDateForms_moveOnlyTheCalendarDate(String before, String after) {
        assertThat(PLUS_1625.shiftText(before)).isEqualTo(after);
    }

    @Test
    void shiftText_leapDayAndMonthEnds_areCalendarArithmetic() {
        assertThat(TimeShift.ofDays(1).shiftText("2028-02-28T23:59:59Z")).isEqualTo("2028-02-29T23:59:59Z");
        assertThat(TimeShift.ofDays(1).shiftText("Feb 28, 2027 1:00:00 PM")).isEqualTo("Mar 1, 2027 1:00:00 PM");
        assertThat(TimeShift.ofDays(-3).shiftText("2026-11-26T12:00:00Z")).isEqualTo("2026-11-23T12:00:00Z");
    }

    @Test
    void shift_configInvokingEvent_shiftsInsideTheJsonStringAndKeepsItAString() throws Exception {
        JsonNode event = Json.MAPPER.readTree("""
                {"invokingEvent": "{\\"configurationItem\\":{\\"configurationItemCaptureTime\\":\
                \\"2026-11-21T09:44:51.508Z\\",\\"configurationStateId\\":1795254291508,\\"tags\\":\
                {\\"neptune-guard:exempt\\":\\"staging; until=2026-12-31\\"}}}",
                 "ruleParameters": "{}", "eventLeftScope": false}""");

        JsonNode shifted = PLUS_1625.shift(event);

        assertThat(shifted.get("invokingEvent").isTextual()).isTrue();
        JsonNode item = Json.MAPPER.readTree(shifted.get("invokingEvent").asText()).get("configurationItem");
        assertThat(item.get("configurationItemCaptureTime").asText()).isEqualTo("2031-05-04T09:44:51.508Z");
        assertThat(item.get("configurationStateId").asLong()).isEqualTo(1795254291508L);
        assertThat(item.at("/tags/neptune-guard:exempt").asText()).isEqualTo("staging; until=2031-06-13");
        assertThat(shifted.get("eventLeftScope").asBoolean()).isFalse();
        assertThat(event.get("invokingEvent").asText()).as("the input is not changed").contains("2026-11-21");
    }

    @Test
    void shift_notJson_isReturnedAsItIs() {
        assertThat(PLUS_1625.shift("{\"time\": \"2026-11-23T17:10:02Z\"")).isEqualTo(
                "{\"time\": \"2026-11-23T17:10:02Z\"");
    }

    @Test
    void between_landsTheRecordedTimeLessThanADayBeforeNow() {
        Instant recorded = Instant.parse("2026-11-26T12:00:00Z");
        for (String now : new String[] {"2031-05-10T03:00:00Z", "2031-05-10T11:59:59Z", "2031-05-10T12:00:00Z",
                "2040-01-01T00:00:00Z", "2026-11-23T12:00:00Z", "2026-11-26T12:00:00Z"}) {
            Instant n = Instant.parse(now);
            Instant moved = TimeShift.between(recorded, n).shift(recorded);
            assertThat(moved).as(now).isBeforeOrEqualTo(n).isAfter(n.minusSeconds(86_400));
            assertThat(moved.toString()).as(now).endsWith("T12:00:00Z");
        }
        assertThat(TimeShift.between(recorded, Instant.parse("2026-11-26T11:59:59Z")).days()).isEqualTo(-1);
        assertThat(TimeShift.between(recorded, recorded).days()).isZero();
    }
}
