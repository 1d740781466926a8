package dev.neptuneguard.sinks;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** First sightings held in memory: the CLI (one run, so "first seen" is now) and tests. */
public final class InMemoryFirstSightings implements FirstSightings {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public Map<String, Instant> firstSeen(Collection<String> findingIds, Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        findingIds.forEach(id -> out.put(id, seen.computeIfAbsent(id, k -> now)));
        return out;
    }

    @Override
    public Map<String, Instant> raised(Collection<String> findingIds, Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        findingIds.forEach(id -> {
            Instant first = seen.get(id);
            if (first != null) {
                out.put(id, first);
            }
        });
        return out;
    }
}
