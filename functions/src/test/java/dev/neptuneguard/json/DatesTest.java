package dev.neptuneguard.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        // ISO-8601, as in eventTime and the AWS CLI's output
        "2026-11-20T15:18:55Z             | 2026-11-20T15:18:55Z",
        "2026-11-20T15:18:55.123Z         | 2026-11-20T15:18:55.123Z",
        "2026-11-20T17:18:55+02:00        | 2026-11-20T15:18:55Z",
        "2026-11-20T10:18:55.5-05:00      | 2026-11-20T15:18:55.500Z",
        // epoch seconds, as KMS's JSON 1.1 protocol sends them
        "1597968000                       | 2020-08-21T00:00:00Z",
        "1597968000.0                     | 2020-08-21T00:00:00Z",
        "1597968000.25                    | 2020-08-21T00:00:00.250Z",
        // Java Date strings inside CloudTrail responseElements
        "Oct 10, 2024 3:18:55 PM          | 2024-10-10T15:18:55Z",
        "Oct 28, 2018 8:55:35 AM          | 2018-10-28T08:55:35Z",
        "Nov 2, 2021, 11:25:25 PM         | 2021-11-02T23:25:25Z",
        "Apr 12, 2021 18:58:30 PM         | 2021-04-12T18:58:30Z",
        "Jan 1, 2019 12:00:00 AM          | 2019-01-01T00:00:00Z",
        "Jan 1, 2019 12:00:00 PM          | 2019-01-01T12:00:00Z",
        "Jan 1, 2019 12:30:01 AM          | 2019-01-01T00:30:01Z",
        "Dec 31, 2026, 11:59:59 PM        | 2026-12-31T23:59:59Z",
        "Dec 22, 2026 12:00:19 PM         | 2026-12-22T12:00:19Z",
        "SEP 5, 2026 1:02:03 am           | 2026-09-05T01:02:03Z",
        "Feb 29, 2024 6:00:00 AM          | 2024-02-29T06:00:00Z",
        "'  Nov 30, 2026, 5:10:02 PM  '   | 2026-11-30T17:10:02Z",
    })
    void parseLenient_knownForms_giveTheInstant(String text, String expected) {
        assertThat(Dates.parseLenient(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",
        "garbage",
        "next tuesday",
        "2026-11-20",
        "2026-13-01T00:00:00Z",
        "-1597968000",
        "Feb 30, 2021 1:00:00 PM",
        "Feb 29, 2023 1:00:00 PM",
        "Nov 31, 2026 1:00:00 PM",
        "Nov 0, 2026 1:00:00 PM",
        "Foo 1, 2026 1:00:00 PM",
        "Nov 1, 2026 24:00:00",
        "Nov 1, 2026 25:00:00 PM",
        "Nov 1, 2026 10:60:00 AM",
        "Nov 1, 2026 10:00:60 AM",
        "Nov 1 2026 10:00 AM",
        "99999999999999999999",
        "1e10",
    })
    void parseLenient_anythingElse_givesNullWithoutThrowing(String text) {
        assertThat(Dates.parseLenient(text)).isNull();
    }

    @Test
    void instant_epochSecondsAsInteger_isRead() {
        ObjectNode n = Json.MAPPER.createObjectNode().set("DeletionDate", IntNode.valueOf(1_597_968_000));

        assertThat(Json.instant(n, "DeletionDate")).isEqualTo(Instant.parse("2020-08-21T00:00:00Z"));
    }

    @Test
    void instant_epochSecondsAsDouble_keepsTheFraction() {
        ObjectNode n = Json.MAPPER.createObjectNode().set("CreationDate", DoubleNode.valueOf(1_597_968_000.75));

        assertThat(Json.instant(n, "CreationDate")).isEqualTo(Instant.parse("2020-08-21T00:00:00.750Z"));
    }

    @Test
    void instant_epochSecondsAsString_isRead() {
        ObjectNode n = Json.MAPPER.createObjectNode().set("DeletionDate", TextNode.valueOf("1597968000"));

        assertThat(Json.instant(n, "deletionDate")).isEqualTo(Instant.parse("2020-08-21T00:00:00Z"));
    }

    @Test
    void instant_javaStyleString_isRead() {
        ObjectNode n = Json.MAPPER.createObjectNode().put("snapshotCreateTime", "Nov 20, 2026 3:18:55 PM");

        assertThat(Json.instant(n, "SnapshotCreateTime")).isEqualTo(Instant.parse("2026-11-20T15:18:55Z"));
    }

    @Test
    void instant_numberOutOfInstantRange_givesNullWithoutThrowing() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("huge", LongNode.valueOf(Long.MAX_VALUE));
        n.set("hugeDouble", DoubleNode.valueOf(1e300));

        assertThat(Json.instant(n, "huge")).isNull();
        assertThat(Json.instant(n, "hugeDouble")).isNull();
    }

    @Test
    void instant_absentNullOrBooleanValue_givesNull() {
        ObjectNode n = Json.MAPPER.createObjectNode().putNull("time").put("flag", true);

        assertThat(Json.instant(n, "time")).isNull();
        assertThat(Json.instant(n, "missing")).isNull();
        assertThat(Json.instant(n, "flag")).isNull();
    }
}
