package dev.neptuneguard.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON helpers shared by the event parsers and renderers. AWS payloads have irregular key casing
 * ({@code dBClusterIdentifier} next to {@code dbClusterResourceId}), so lookups try the exact name first and
 * then any casing; absent, {@code null} and {@code ""} all read as "no value".
 */
public final class Json {

    /** One mapper for the process: building it is expensive, using it is thread-safe. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** The child named {@code name} in any casing, or {@code null}; JSON {@code null} also gives {@code null}. */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact.isNull() ? null : exact;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().isNull() ? null : e.getValue();
            }
        }
        return null;
    }

    /** A scalar child as text; blank strings, objects and arrays give {@code null}. */
    public static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (v == null || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** A boolean child; accepts JSON booleans and the strings "true"/"false"; anything else gives {@code null}. */
    public static Boolean bool(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** An integer child given as a number or a numeric string; anything else gives {@code null}. */
    public static Integer integer(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (v == null) {
            return null;
        }
        if (v.canConvertToInt() && v.isNumber()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A timestamp child in the forms the AWS CLI and APIs print: ISO-8601 text or epoch seconds
     * (number or numeric string). Anything else gives {@code null}.
     */
    public static Instant instant(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
                // Jackson reads 1e400 as an infinite double, which has no decimal value to convert.
                return null;
            }
            return epochSeconds(v.decimalValue());
        }
        return Dates.parseLenient(v.asText());
    }

    /**
     * Epoch seconds to an instant; {@code null} outside the range an {@link Instant} can hold. Values above
     * 1e11 (year 5138 in seconds) are epoch milliseconds, as AWS Config writes some dates
     * ({@code 1.609306416945E12}).
     */
    static Instant epochSeconds(java.math.BigDecimal exact) {
        // Exact decimal arithmetic: 1795270803.734 must read as .734, not .733999968 as a double would.
        double approx = exact.doubleValue();
        if (!Double.isFinite(approx) || Math.abs(approx) >= 1e14) {
            return epochSeconds(approx);
        }
        java.math.BigDecimal seconds = Math.abs(approx) >= 1e11 ? exact.movePointLeft(3) : exact;
        java.math.BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    static Instant epochSeconds(double value) {
        if (Math.abs(value) >= 1e11 && Math.abs(value) < 1e14) {
            return Instant.ofEpochMilli(Math.round(value));
        }
        double seconds = value;
        // A forged or corrupt number must read as "no date", not overflow inside Instant.
        if (!Double.isFinite(seconds) || seconds < Instant.MIN.getEpochSecond()
                || seconds >= Instant.MAX.getEpochSecond()) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000_000L);
        return Instant.ofEpochSecond(whole, nanos);
    }
}
