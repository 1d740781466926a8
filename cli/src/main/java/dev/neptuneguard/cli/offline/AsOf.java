package dev.neptuneguard.cli.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The moment a report's dates are judged against (deletion countdowns, "was due on … N days ago", the end of an
 * exemption), and where that moment comes from: the time an export recorded when it was taken, or the run's own
 * clock. An export scanned a week after it was taken must count a key's days left from the export, not from today:
 * the key's state is the export's. Every report says which one it used ({@link #describe()}); {@code --format json}
 * carries it on every finding as {@code asOf} and {@code asOfSource} ({@link #sourceName()}).
 *
 * @param instant   the moment, to the second
 * @param recorded  whether the data recorded it (an export's time), rather than the run's clock giving it
 * @param where     for a recorded time, where it was read from ("by export-commands in export/export-time.json");
 *                  for the clock, why the clock was used, or null when nothing else could be (a live read)
 */
public record AsOf(Instant instant, boolean recorded, String where) {

    /** Clocks of two machines drift a little; a recorded time further ahead than this is worth a word. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    static final String NO_RECORDED_TIME = "the export records no time of its own (export-commands writes it to "
            + "export-time.json)";

    public AsOf {
        instant = instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A time the export recorded. */
    static AsOf recorded(Instant instant, String where) {
        return new AsOf(instant, true, where);
    }

    /** The run's clock: a live read, which is as of now by nature. */
    public static AsOf now(Clock clock) {
        return new AsOf(clock.instant(), false, null);
    }

    /** The run's clock for data that records no time of its own; {@code why} says so. */
    static AsOf now(Clock clock, String why) {
        return new AsOf(clock.instant(), false, why);
    }

    /**
     * The time an export's account and region are judged as of: the export's recorded time, else the run's clock
     * (the report then says that the export records none).
     */
    public static AsOf of(AccountExport export, String account, String region, Clock clock) {
        Instant now = clock.instant();
        return export.recordedTime(account, region).map(r -> recorded(r.time(), r.where()
                        + (r.time().isAfter(now.plus(FUTURE_TOLERANCE)) ? "; that is after this run's clock, " + now
                        .truncatedTo(ChronoUnit.SECONDS) + ": check the clock of the machine that took the export" : "")))
                .orElseGet(() -> now(clock, NO_RECORDED_TIME));
    }

    /** A clock fixed at this moment, for the rules. */
    public Clock clock() {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** {@code export} when the data recorded the time, {@code clock} when the run's clock gave it. */
    public String sourceName() {
        return recorded ? "export" : "clock";
    }

    /** One sentence for the report. */
    public String describe() {
        if (recorded) {
            return "Dates as of the export's time " + instant + " (recorded " + where + ").";
        }
        return "Dates as of now, " + instant + (where == null ? "." : ": " + where + ".");
    }
}
