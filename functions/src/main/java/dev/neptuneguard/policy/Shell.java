package dev.neptuneguard.policy;

import dev.neptuneguard.model.Identifiers;
import java.util.Locale;

/**
 * Words for the AWS CLI commands that remediation texts put in front of people to copy into a shell. An identifier
 * comes from the account's data (or an event) and may hold anything; it is pasted as one literal word: unchanged
 * when every character is in a set no shell treats specially, single-quoted otherwise, and as an ANSI-C
 * {@code $'...'} word (bash, zsh, ksh) when it holds control characters, which are written as escapes so that the
 * command neither runs something else nor shows something else on the terminal.
 */
public final class Shell {

    private Shell() {
    }

    /** {@code value} as one shell word; null or empty as {@code ''}. */
    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        if (isSafe(value)) {
            return value;
        }
        if (!Identifiers.hasControls(value)) {
            return "'" + value.replace("'", "'\\''") + "'";
        }
        StringBuilder b = new StringBuilder("$'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (Identifiers.isControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** Letters, digits and {@code _ @ % + = : , . / -}: no shell expands, splits or redirects on these. */
    static boolean isSafe(String value) {
        if (value.charAt(0) == '-' || value.charAt(0) == '=') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ','
                    || c == '.' || c == '/' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
