package dev.neptuneguard.configrule;

/** Fits annotation text to a length limit without splitting a character. */
final class Annotations {

    private static final String ELLIPSIS = "…";

    private Annotations() {
    }

    /**
     * The text itself when it fits, else its longest prefix that fits with a trailing ellipsis. The limit is
     * counted in UTF-16 units, which is never less than the count of characters, so the result fits either
     * way Config counts; a surrogate pair is never cut in half.
     */
    static String fit(String text, int max) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String clean = text.replaceAll("\\s+", " ").trim();
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(clean.charAt(end)) && Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + ELLIPSIS;
    }
}
