package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.neptuneguard.json.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves every date in a JSON document by a whole number of days, so that the bundled demo account and its sample
 * events, recorded once, read right on any day: {@code demo} shifts them by the days from their recorded time to
 * the run's clock. Whole days keep each value's own text: only the calendar date changes, the time of day, the
 * fraction, the offset and the style stay as AWS wrote them. Recognised values (whole JSON strings):
 * ISO-8601 dates and date-times as the AWS CLI and CloudTrail print them ({@code 2026-11-23T03:11:02.004000+00:00},
 * {@code 2026-11-30T17:10:02Z}); the Java date strings CloudTrail puts in RDS and KMS {@code responseElements}
 * ({@code Nov 30, 2026, 5:10:02 PM}, {@code Dec 1, 2026 18:58:30 PM}); and, inside text, an exemption's
 * {@code until=YYYY-MM-DD}. A string that holds a JSON object or array (AWS Config's {@code invokingEvent}) is shifted
 * inside and written back as a string. Identifiers that merely contain a date ({@code rds:graph-prod-2026-11-23-03-10})
 * are names, not times, and are left alone; so are numbers.
 */
public final class TimeShift {

    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
            + "(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern JAVA_DATE = Pattern.compile(
            "((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{1,2}, \\d{4})((?:,? \\d{1,2}:\\d{2}:\\d{2}"
                    + "(?: [AP]M)?)?)");
    private static final Pattern UNTIL = Pattern.compile("(until=)(\\d{4}-\\d{2}-\\d{2})(?!\\d)");
    private static final DateTimeFormatter JAVA_DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private final long days;

    private TimeShift(long days) {
        this.days = days;
    }

    /**
     * The shift that brings {@code recorded} to the last moment at or before {@code now} that is a whole number of
     * days away: the recorded moment lands less than a day before now, so what was past stays past and what was
     * ahead stays ahead by the same days.
     */
    public static TimeShift between(Instant recorded, Instant now) {
        return new TimeShift(Math.floorDiv(Duration.between(recorded, now).getSeconds(), 86_400L));
    }

    static TimeShift ofDays(long days) {
        return new TimeShift(days);
    }

    public long days() {
        return days;
    }

    public Instant shift(Instant instant) {
        return instant.plus(Duration.ofDays(days));
    }

    /** A shifted deep copy of {@code node}. */
    JsonNode shift(JsonNode node) {
        JsonNode copy = node.deepCopy();
        return days == 0 ? copy : walk(copy);
    }

    /** The JSON text with its dates shifted; text that is not JSON is returned as it is (the reader will say why). */
    String shift(String json) {
        if (days == 0) {
            return json;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(json);
            return tree == null || tree.isMissingNode() ? json : Json.MAPPER.writeValueAsString(walk(tree));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** One string value: a date, a date in the text, embedded JSON, or something else (unchanged). */
    String shiftText(String s) {
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            return moved(iso.group(1), DateTimeFormatter.ISO_LOCAL_DATE) + (iso.group(2) == null ? "" : iso.group(2));
        }
        Matcher java = JAVA_DATE.matcher(s);
        if (java.matches()) {
            return moved(java.group(1), JAVA_DAY) + java.group(2);
        }
        String trimmed = s.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return Json.MAPPER.writeValueAsString(walk(Json.MAPPER.readTree(s)));
            } catch (JsonProcessingException e) {
                return s;
            }
        }
        Matcher until = UNTIL.matcher(s);
        StringBuilder out = new StringBuilder();
        while (until.find()) {
            until.appendReplacement(out, Matcher.quoteReplacement(until.group(1)
                    + moved(until.group(2), DateTimeFormatter.ISO_LOCAL_DATE)));
        }
        until.appendTail(out);
        return out.toString();
    }

    private String moved(String day, DateTimeFormatter format) {
        try {
            return LocalDate.parse(day, format).plusDays(days).format(format);
        } catch (DateTimeException e) {
            return day;
        }
    }

    private JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(walk(field.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            String shifted = shiftText(node.textValue());
            return shifted.equals(node.textValue()) ? node : TextNode.valueOf(shifted);
        }
        return node;
    }
}
