package dev.neptuneguard.model;

import java.util.Locale;

/** Finding severity, ordered from the most to the least urgent (the ASFF labels). */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL;

    /** True when this severity is as urgent as {@code threshold} or more. */
    public boolean isAtLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses a severity name in any case; fails with a message that lists the accepted values. */
    public static Severity parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("severity is empty; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text
                    + "'; expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL", e);
        }
    }
}
