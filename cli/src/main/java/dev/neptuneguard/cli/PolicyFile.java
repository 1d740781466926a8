package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code --policy FILE}: a JSON object with the same setting names as everywhere else, e.g.
 * {@code {"requireCustomerManagedKey": true, "allowedKeyArns": ["alias/neptune-prod"],
 * "requiredKeyOrigins": "AWS_CLOUDHSM", "requireKeyRotation": false}}. Lists may be arrays or comma-separated.
 */
final class PolicyFile {

    private PolicyFile() {
    }

    static Policy read(Path file) {
        if (file == null) {
            return Policy.defaults();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read policy (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file + ": a policy file must be a JSON object");
        }
        Map<String, String> settings = new HashMap<>();
        root.fields().forEachRemaining(e -> settings.put(e.getKey(), flatten(e.getValue())));
        try {
            return Policy.fromSettings(settings);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    private static String flatten(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return String.join(",", items);
        }
        return v.isNull() ? null : v.asText();
    }
}
