package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@link Log} and {@link Metrics} printed; every line must be one JSON object, whatever the input. */
final class JsonLines {

    private JsonLines() {
    }

    static List<JsonNode> of(ByteArrayOutputStream stream) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stream.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = Json.MAPPER.readTree(line);
                assertThat(node.isObject()).as("log line is a JSON object: %s", line).isTrue();
                lines.add(node);
            }
        }
        return lines;
    }
}
