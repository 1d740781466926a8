package dev.neptuneguard.sinks;

import java.util.List;
import java.util.Locale;

/**
 * Small text helpers shared by the renderers: length caps that say what was cut, resource lists that end in
 * "… and N more", and the ASCII-only form SNS requires for a subject.
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
        String out = b.toString().replaceAll(" {2,}", " ").trim();
        if (out.isEmpty()) {
            return "neptune-guard finding";
        }
        return out.length() <= 100 ? out : out.substring(0, 97).trim() + "...";
    }

    /** Escapes the three characters Slack mrkdwn (and Chatbot client-markdown) treat as control characters. */
    public static String mrkdwn(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The last part of an ARN after '/' or ':' (cluster name, key id), or the text itself. */
    public static String shortName(String arnOrName) {
        if (arnOrName == null) {
            return "";
        }
        int cut = Math.max(arnOrName.lastIndexOf('/'), arnOrName.lastIndexOf(':'));
        return cut >= 0 && cut < arnOrName.length() - 1 ? arnOrName.substring(cut + 1) : arnOrName;
    }
}
