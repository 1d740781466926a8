package dev.neptuneguard.cli.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;

/** The region an event says it is from, without judging the rest of it. */
public final class EventRegion {

    private EventRegion() {
    }

    public static String of(String json) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            String region = Json.text(root, "region");
            return region != null ? region : Json.text(Json.field(root, "detail"), "awsRegion");
        } catch (Exception e) {
            return null;
        }
    }
}
