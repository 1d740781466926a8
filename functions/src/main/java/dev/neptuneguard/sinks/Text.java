package dev.neptuneguard.sinks;

import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Identifiers;
import java.util.List;
import java.util.Locale;

/**
 * Small text helpers shared by the renderers: length caps that say what was cut, resource lists that end in
 * "… and N more", the ASCII-only form SNS requires for a subject, and control characters shown escaped so that
 * an identifier cannot drive a terminal (ANSI/OSC escapes) or forge a line (CR, LF).
 */
public final class Text {

    private Text() {
    }

    /** {@code text} cut to at most {@code max} characters, ending in "…" when cut; null reads as "". */
    public static String cap(String text, int max) {
        String s = text == null ? "" : text;
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** The first {@code limit} items; when more exist, a last line "… and N more" (N formatted with separators). */
    public static List<String> firstWithMore(List<String> items, int limit) {
        if (items.size() <= limit) {
            return items;
        }
        List<String> head = new java.util.ArrayList<>(items.subList(0, limit));
        head.add("… and " + count(items.size() - limit) + " more");
        return head;
    }

    /** A count with thousands separators, independent of the JVM locale: 5,000. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A valid SNS {@code Subject}: printable ASCII only (other characters become '?', line breaks and tabs
     * spaces), trimmed, at most 100 characters ("..." when cut), never empty.
     */
    public static String snsSubject(String text) {
        String out = snsClean(text);
        if (out.isEmpty()) {
            return "neptune-guard finding";
        }
        return out.length() <= 100 ? out : out.substring(0, 97).trim() + "...";
    }

    /** Whether {@code text} makes an SNS subject without being cut. */
    static boolean fitsSnsSubject(String text) {
        return snsClean(text).length() <= 100;
    }

    private static String snsClean(String text) {
        StringBuilder b = new StringBuilder();
        String s = text == null ? "" : text;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '…') {
                b.append("...");
            } else if (c == '—' || c == '–') {
                b.append('-');
            } else if (c < 0x20 || c == 0x7f) {
                b.append(' ');
            } else if (c > 0x7e) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        return b.toString().replaceAll(" {2,}", " ").trim();
    }

    /** Escapes the three characters Slack mrkdwn (and Chatbot client-markdown) treat as control characters. */
    public static String mrkdwn(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code text} with every control character shown as an escape, for human-readable output that must stay
     * one line per item: C0 and C1 controls and DEL as {@code \xHH} ({@code \n}, {@code \r}, {@code \t} for
     * the common three), and the Unicode bidirectional controls and line separators as a backslash, "u" and four
     * hex digits (they reorder or break what a reader sees). A backslash in the text is left as it is; null
     * reads as "".
     */
    public static String visible(String text) {
        return escapeControls(text, false);
    }

    /** Like {@link #visible(String)}, but line feeds are kept: for multi-line text the renderer lays out itself. */
    public static String visibleLines(String text) {
        return escapeControls(text, true);
    }

    /** Whether {@link #visible(String)} would change {@code text}. */
    public static boolean hasControls(String text) {
        return Identifiers.hasControls(text);
    }

    /**
     * JSON text with every control character that JSON leaves raw (DEL, C1, bidirectional marks, line and paragraph
     * separators) written as its JSON escape: the same JSON value, safe on a terminal. Raw control characters can
     * only appear inside JSON strings, where the escape is valid.
     */
    public static String jsonEscapeControls(String json) {
        if (!hasControls(json)) {
            return json;
        }
        StringBuilder b = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (isControl(c) && c >= 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String escapeControls(String text, boolean keepLineFeeds) {
        if (text == null) {
            return "";
        }
        if (!hasControls(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c) || keepLineFeeds && c == '\n') {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c <= 0xff) {
                b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return Identifiers.isControl(c);
    }

    /**
     * {@code text} as a Slack mrkdwn code span: in backticks, with {@code & < >} escaped, control characters shown
     * as escapes, and every backtick replaced by U+02CB (a look-alike grave accent), since mrkdwn has no escape
     * for a backtick and a real one would end the span early and let the rest format as markup.
     */
    public static String code(String text) {
        return "`" + codeText(text) + "`";
    }

    /**
     * The body of a Slack mrkdwn code block ({@code ```...```}): {@code & < >} escaped, line breaks kept, other
     * control characters shown as escapes, and backticks replaced as in {@link #code}, so no identifier can close
     * the block.
     */
    public static String codeBlock(String text) {
        return mrkdwn(visibleLines(text)).replace('`', '\u02cb');
    }

    private static String codeText(String text) {
        return mrkdwn(visible(text)).replace('`', '\u02cb');
    }

    /** The last part of an ARN after '/' or ':' (cluster name, key id), or the text itself. */
    public static String shortName(String arnOrName) {
        if (arnOrName == null) {
            return "";
        }
        int cut = Math.max(arnOrName.lastIndexOf('/'), arnOrName.lastIndexOf(':'));
        return cut >= 0 && cut < arnOrName.length() - 1 ? arnOrName.substring(cut + 1) : arnOrName;
    }

    /** {@code 111122223333: } for the start of a headline, or nothing when the finding names no account. */
    static String accountPrefix(Finding f) {
        return f.account() == null || f.account().isBlank() ? "" : f.account() + ": ";
    }
}
