package dev.neptuneguard.cli;

/**
 * How findings are printed: a readable report ({@code table}), one JSON object per line (the public contract,
 * {@code json}), the same columns as RFC 4180 CSV with a header row ({@code csv}), or a JSON array of the AWS
 * Security Finding Format findings the Security Hub sink would import ({@code asff}).
 */
public enum OutputFormat {
    table, json, csv, asff;

    /** Whether the format is a single document that needs the whole run (a header, an enclosing array). */
    boolean wholeDocument() {
        return this == csv || this == asff;
    }
}
