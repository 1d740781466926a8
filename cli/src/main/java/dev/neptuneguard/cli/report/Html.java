package dev.neptuneguard.cli.report;

import dev.neptuneguard.sinks.Text;

/**
 * Escaping for the HTML report. Everything a finding carries (names, ARNs, tag values, texts) is untrusted: it is
 * written only as text or as a quoted attribute value, never inside a script or style element, with the five
 * characters that can end a text run or an attribute escaped. Control characters (terminal escapes, bidi overrides)
 * are first shown as escapes ({@link Text#visible}), as in every human-readable output.
 */
final class Html {

    private Html() {
    }

    /** One-line text for an element's content or a quoted attribute value. */
    static String text(String value) {
        return value == null ? "" : escape(Text.visible(value));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
