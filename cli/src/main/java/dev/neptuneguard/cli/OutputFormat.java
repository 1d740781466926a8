package dev.neptuneguard.cli;

/**
 * How findings are printed: a readable report ({@code table}), one JSON object per line (the public contract,
 * {@code json}), the same columns as RFC 4180 CSV with a header row ({@code csv}), or a JSON array of the AWS
 * Security Finding Format findings the Security Hub sink would import ({@code asff}), a JSON array of OCSF Compliance
 * Findings ({@code ocsf}) or a self-contained HTML page ({@code html}); see the {@code report} package.
 */
public enum OutputFormat {
    table, json, csv, asff, ocsf, html;

    /** Whether the format is a single document that needs the whole run (a header, an enclosing array, a page). */
    boolean wholeDocument() {
        return this == csv || this == asff || this == ocsf || this == html;
    }
}
