package dev.neptuneguard.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which countdown reminders a pending deletion gets, and their schedule names. Names are derived from the key id
 * and the offset only ({@code ng-5555eeee55ee55ee55ee555555555555-P1D}), so scheduling twice is harmless: the
 * second create finds the name taken. Only reminders that still lie in the future are planned.
 */
public final class ReminderPlan {

    /** Scheduler needs a little time; a reminder due sooner than this is skipped. */
    static final Duration MIN_LEAD = Duration.ofMinutes(1);

    private static final String PREFIX = "ng-";
    private static final int MAX_NAME = 64;

    private ReminderPlan() {
    }

    /** The reminders still in the future for a key deleted on {@code deletionDate}, earliest first. */
    public static List<Reminder> plan(String keyArn, String account, String region, Instant deletionDate,
                                      List<Duration> offsets, Instant now) {
        List<Reminder> out = new ArrayList<>();
        offsets.stream().sorted((a, b) -> b.compareTo(a)).forEach(offset -> {
            if (deletionDate.minus(offset).isAfter(now.plus(MIN_LEAD))) {
                out.add(new Reminder(keyArn, account, region, deletionDate, offset, scheduleName(keyArn, offset)));
            }
        });
        return out;
    }

    /** True when no configured reminder with a shorter offset is still to come: this one is the last. */
    public static boolean isLast(Duration offset, Instant deletionDate, List<Duration> offsets, Instant now) {
        return offsets.stream().noneMatch(o -> o.compareTo(offset) < 0 && deletionDate.minus(o).isAfter(now));
    }

    /** {@code ng-<key id without dashes>-<offset>}: at most 64 characters of {@code [0-9a-zA-Z-_.]}. */
    public static String scheduleName(String keyArn, Duration offset) {
        String name = namePrefix(keyArn) + label(offset);
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** The prefix all schedules of one key share. */
    public static String namePrefix(String keyArn) {
        return PREFIX + KeyText.compactId(keyArn).replaceAll("[^0-9a-zA-Z_.]", "_") + "-";
    }

    /** The shortest ISO-8601 spelling in whole days, hours, minutes or seconds: P7D, PT6H, PT90M. */
    public static String label(Duration offset) {
        long seconds = offset.getSeconds();
        if (seconds % 86_400 == 0) {
            return "P" + seconds / 86_400 + "D";
        }
        if (seconds % 3_600 == 0) {
            return "PT" + seconds / 3_600 + "H";
        }
        if (seconds % 60 == 0) {
            return "PT" + seconds / 60 + "M";
        }
        return "PT" + seconds + "S";
    }
}
