package dev.neptuneguard.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code neptune-guard:exempt} resource tag: {@code <reason>} or {@code <reason>; until=YYYY-MM-DD}.
 * An exempt finding is still reported, marked suppressed with the reason, until the date passes (the
 * {@code until} day itself is still exempt).
 *
 * @param until last exempt day, or {@code null} for no expiry
 * @param invalidUntil the unparseable {@code until} text, if any (then the exemption does not apply)
 */
public record Exemption(String reason, LocalDate until, String invalidUntil) {

    public static final String TAG = "neptune-guard:exempt";

    /** People type {@code until = 2026-12-31} as often as {@code until=2026-12-31}; both must expire. */
    private static final Pattern UNTIL = Pattern.compile("until\\s*=(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Reads the exemption tag from a resource's tags, if present and non-blank. */
    public static Optional<Exemption> fromTags(Map<String, String> tags) {
        String value = tags.get(TAG);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(value));
    }

    static Exemption parse(String value) {
        String reason = value.trim();
        LocalDate until = null;
        String invalid = null;
        int semi = value.lastIndexOf(';');
        if (semi >= 0) {
            Matcher tail = UNTIL.matcher(value.substring(semi + 1).trim());
            if (tail.matches()) {
                reason = value.substring(0, semi).trim();
                String date = tail.group(1).trim();
                try {
                    until = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    invalid = date;
                }
            }
        }
        if (reason.isEmpty()) {
            reason = "no reason given";
        }
        return new Exemption(reason, until, invalid);
    }

    /** True when the exemption suppresses findings on {@code today}. */
    public boolean activeOn(LocalDate today) {
        return invalidUntil == null && (until == null || !today.isAfter(until));
    }

    /** The suppression reason as findings carry it. */
    public String describe() {
        return until == null ? reason : reason + " (until " + until + ")";
    }

    /** Why an exemption tag present on the resource does not apply, for the finding's detail. */
    public String whyInactive() {
        return invalidUntil != null
                ? "The " + TAG + " tag has an unreadable date 'until=" + invalidUntil + "' (expected YYYY-MM-DD), so it is ignored."
                : "The " + TAG + " tag expired on " + until + ".";
    }
}
