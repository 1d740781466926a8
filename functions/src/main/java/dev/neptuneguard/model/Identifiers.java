package dev.neptuneguard.model;

/**
 * What every output must know about identifiers from an account's data or an event: they may hold characters that
 * act on whatever shows them. One definition of "control character" for the renderers that escape them
 * ({@code sinks.Text}) and the remediation commands that quote them ({@code policy.Shell}).
 */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * C0 and C1 controls and DEL (terminal escapes, line breaks), the Unicode bidirectional marks, embeddings,
     * overrides and isolates (they reorder what a reader sees), and the line and paragraph separators.
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\u2028' || c == '\u2029';
    }

    /** Whether {@code text} holds a {@link #isControl control character}; null holds none. */
    public static boolean hasControls(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
