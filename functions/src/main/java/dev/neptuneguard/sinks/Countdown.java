package dev.neptuneguard.sinks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Human wording for a deadline relative to now: "in 6 days", "in 5 hours", "2 days ago". Rounds down, so a
 * deletion 6 days and 23 hours away reads "in 6 days" — the message never promises more time than is left.
 */
public final class Countdown {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Countdown() {
    }

    public static String relative(Instant deadline, Instant now) {
        Duration left = Duration.between(now, deadline);
        if (left.isNegative()) {
            return amount(left.negated()) + " ago";
        }
        return "in " + amount(left);
    }

    /** "2026-12-01 10:00 UTC (in 6 days)". */
    public static String withDate(Instant deadline, Instant now) {
        return WHEN.format(deadline) + " (" + relative(deadline, now) + ")";
    }

    private static String amount(Duration d) {
        if (d.toDays() >= 1) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() >= 1) {
            return plural(d.toHours(), "hour");
        }
        if (d.toMinutes() >= 1) {
            return plural(d.toMinutes(), "minute");
        }
        return "less than a minute";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
