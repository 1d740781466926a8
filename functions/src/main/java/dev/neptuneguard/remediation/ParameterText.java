package dev.neptuneguard.remediation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A step parameter's value in one readable word: lists in brackets, tags as {@code key=value}. */
final class ParameterText {

    private ParameterText() {
    }

    static String of(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ParameterText::of).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("Key") && map.size() == 2) {
                return map.get("Key") + "=" + map.get("Value");
            }
            return map.entrySet().stream().map(e -> e.getKey() + "=" + of(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
