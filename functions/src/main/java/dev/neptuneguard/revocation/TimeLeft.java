package dev.neptuneguard.revocation;

import java.time.Duration;

/**
 * Time left until a deletion, in the words reminders use: "in 7 days", "in 1 day", "in 6 hours"; and, for a date
 * already past (an export scanned days after it was taken), how long ago: "3 days ago".
 */
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

    /** How long ago a past date was: "3 days ago", "1 day ago", "5 hours ago", "12 minutes ago". */
    static String ago(Duration since) {
        long minutes = Math.max(0, since.toMinutes());
        long hours = minutes / 60;
        if (hours >= 48) {
            return hours / 24 + " days ago";
        }
        if (hours >= 24) {
            return "1 day ago";
        }
        if (hours >= 2) {
            return hours + " hours ago";
        }
        if (minutes >= 60) {
            return "1 hour ago";
        }
        return minutes + (minutes == 1 ? " minute ago" : " minutes ago");
    }
}
