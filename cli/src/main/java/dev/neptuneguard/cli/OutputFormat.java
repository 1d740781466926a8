package dev.neptuneguard.cli;

/** How findings are printed: a readable report, or one JSON object per line (the public contract). */
public enum OutputFormat {
    table, json
}
