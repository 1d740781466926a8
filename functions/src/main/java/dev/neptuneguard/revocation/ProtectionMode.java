package dev.neptuneguard.revocation;

import java.util.Locale;

/** Whether neptune-guard steps in when a key that live Neptune clusters need is disabled or scheduled for deletion. */
public enum ProtectionMode {
    /** Alert only (the default). */
    OFF,
    /** Alert and say what protection would have done; change nothing. */
    DRY_RUN,
    /** Cancel the deletion / re-enable the key, tag it, and say so in the alert. */
    ON;

    /** The setting (and environment variable) name, as in {@code cdk.json}. */
    public static final String ENV = "protectionMode";

    /** Parses {@code off}, {@code dry-run} or {@code on} (any case); blank means off. */
    public static ProtectionMode parse(String text) {
        if (text == null || text.isBlank()) {
            return OFF;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "dry-run", "dryrun", "dry_run" -> DRY_RUN;
            case "on" -> ON;
            default -> throw new IllegalArgumentException(ENV + ": '" + text + "' is not one of off, dry-run, on");
        };
    }
}
