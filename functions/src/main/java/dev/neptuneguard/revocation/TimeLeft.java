package dev.neptuneguard.revocation;

import java.time.Duration;

/** Time left until a deletion, in the words reminders use: "in 7 days", "in 1 day", "in 6 hours". */
final class TimeLeft {

    private TimeLeft() {
    }

    static String words(Duration left) {
        long minutes = left.toMinutes();
        if (minutes <= 0) {
            return "now";
        }
        long hours = (minutes + 30) / 60;
        if (hours >= 36) {
            long days = (hours + 12) / 24;
            return "in " + days + " days";
        }
        if (hours >= 24) {
            return "in 1 day";
        }
        if (hours >= 2) {
            return "in " + hours + " hours";
        }
        if (minutes >= 60) {
            return "in 1 hour";
        }
        return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
