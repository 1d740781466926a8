package dev.neptuneguard.cli.report;

import dev.neptuneguard.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers the document formats share. */
final class Findings {

    private Findings() {
    }

    /**
     * One finding per (rule, resource): the last one given wins, kept at the place the id was first seen, so a
     * demo's replay that re-evaluates a scanned cluster does not list it twice.
     */
    static List<Finding> latestPerId(List<Finding> findings) {
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Finding f : findings) {
            byId.put(f.stableId(), f);
        }
        return new ArrayList<>(byId.values());
    }
}
