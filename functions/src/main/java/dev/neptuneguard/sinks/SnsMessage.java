package dev.neptuneguard.sinks;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One rendered SNS publication: the {@code Subject}, the {@code MessageStructure=json} message (an object of
 * per-protocol bodies, as text) and the string message attributes.
 */
public record SnsMessage(String subject, String message, Map<String, String> attributes) {

    public SnsMessage {
        attributes = Map.copyOf(attributes);
    }

    /**
     * The size SNS counts against its 256 KiB limit: message, subject and every attribute's name, type and value,
     * in UTF-8 bytes.
     */
    public int sizeBytes() {
        int size = utf8(message) + utf8(subject);
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            size += utf8(e.getKey()) + utf8("String") + utf8(e.getValue());
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
