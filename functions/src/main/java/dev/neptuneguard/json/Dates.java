package dev.neptuneguard.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient date reading for the formats AWS really emits: ISO-8601, epoch seconds, and the Java
 * {@code Date.toString}-like strings inside CloudTrail response elements ({@code "Oct 10, 2024 3:18:55 PM"},
 * {@code "Nov 2, 2021, 11:25:25 PM"}, even {@code "Apr 12, 2021 18:58:30 PM"}). Those strings carry no zone;
 * CloudTrail writes them in UTC. Callers that can get a date from an API (DescribeKey) should prefer it.
 */
public final class Dates {

    private static final Pattern JAVA_STYLE = Pattern.compile(
            "([A-Za-z]{3})\\s+(\\d{1,2}),?\\s+(\\d{4}),?\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s*([AaPp][Mm])?");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private Dates() {
    }

    /** Parses any of the known forms; returns {@code null} for anything else rather than failing. */
    public static Instant parseLenient(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // not plain ISO with Z; try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Json.epochSeconds(new java.math.BigDecimal(s));
        }
        Matcher m = JAVA_STYLE.matcher(s);
        if (m.matches()) {
            return javaStyle(m);
        }
        return null;
    }

    private static Instant javaStyle(Matcher m) {
        int month;
        try {
            String mon = m.group(1).substring(0, 1).toUpperCase(Locale.ROOT) + m.group(1).substring(1).toLowerCase(Locale.ROOT);
            month = MONTH.parse(mon).get(java.time.temporal.ChronoField.MONTH_OF_YEAR);
        } catch (DateTimeParseException e) {
            return null;
        }
        int day = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        String ampm = m.group(7);
        if (ampm != null && hour <= 12) {
            boolean pm = ampm.equalsIgnoreCase("PM");
            if (hour == 12) {
                hour = pm ? 12 : 0;
            } else if (pm) {
                hour += 12;
            }
        }
        // A 24-hour clock with a stray PM ("18:58:30 PM") keeps its hour as written.
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
