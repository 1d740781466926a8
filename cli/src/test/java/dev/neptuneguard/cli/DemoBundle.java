package dev.neptuneguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.cli.offline.BundledResources;
import dev.neptuneguard.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The bundled demo account as a JSON tree that a test edits (keep some clusters, change a field) and writes to a
 * file for {@code scan --offline}. Fixtures stay the real AWS CLI shapes: they are edited, never written by hand.
 */
final class DemoBundle {

    private final ObjectNode root;

    private DemoBundle(ObjectNode root) {
        this.root = root;
    }

    static DemoBundle load() {
        try (InputStream in = BundledResources.demoAccount()) {
            return new DemoBundle((ObjectNode) Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the clusters, and the snapshots of the clusters, whose identifier passes; and the Neptune Analytics graphs
     * whose name passes, with their snapshots (so a test that keeps only some clusters keeps no graph by accident).
     */
    DemoBundle keepClusters(Predicate<String> identifier) {
        java.util.Set<String> keptGraphs = new java.util.HashSet<>();
        for (JsonNode output : root.get("outputs")) {
            removeIf(output.get("DBClusters"), c -> !identifier.test(c.path("DBClusterIdentifier").asText()));
            removeIf(output.get("DBClusterSnapshots"), s -> !identifier.test(s.path("DBClusterIdentifier").asText()));
            removeIf(output.get("graphs"), g -> !identifier.test(g.path("name").asText()));
            if (output.get("graphs") != null) {
                output.get("graphs").forEach(g -> keptGraphs.add(g.path("id").asText()));
            }
        }
        for (JsonNode output : root.get("outputs")) {
            removeIf(output.get("graphSnapshots"), s -> !keptGraphs.contains(s.path("sourceGraphId").asText()));
        }
        return this;
    }

    /** Applies {@code edit} to every cluster (each an element of {@code DBClusters}). */
    DemoBundle editClusters(Consumer<ObjectNode> edit) {
        return edit("DBClusters", edit);
    }

    /** Applies {@code edit} to every cluster snapshot. */
    DemoBundle editSnapshots(Consumer<ObjectNode> edit) {
        return edit("DBClusterSnapshots", edit);
    }

    /** Applies {@code edit} to the bundle itself ({@code account}, {@code region}, {@code outputs}). */
    DemoBundle editRoot(Consumer<ObjectNode> edit) {
        edit.accept(root);
        return this;
    }

    ObjectNode json() {
        return root;
    }

    Path write(Path file) {
        try {
            Json.MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private DemoBundle edit(String key, Consumer<ObjectNode> edit) {
        for (JsonNode output : root.get("outputs")) {
            JsonNode items = output.get(key);
            if (items != null) {
                items.forEach(i -> edit.accept((ObjectNode) i));
            }
        }
        return this;
    }

    private static void removeIf(JsonNode array, Predicate<JsonNode> drop) {
        if (array == null) {
            return;
        }
        for (Iterator<JsonNode> it = ((ArrayNode) array).elements(); it.hasNext(); ) {
            if (drop.test(it.next())) {
                it.remove();
            }
        }
    }
}
