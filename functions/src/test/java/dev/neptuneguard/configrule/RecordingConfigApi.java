package dev.neptuneguard.configrule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link ConfigApi} for core tests: serves history items and recorded ids, keeps what was put. */
final class RecordingConfigApi implements ConfigApi {

    final Map<String, JsonNode> history = new HashMap<>();
    final Map<String, Map<String, String>> recordedIds = new HashMap<>();
    final List<String> historyRequests = new ArrayList<>();
    final List<String> discoveryRequests = new ArrayList<>();
    final List<List<Evaluation>> puts = new ArrayList<>();
    final List<Boolean> testModes = new ArrayList<>();

    @Override
    public Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId) {
        historyRequests.add(resourceType + "/" + resourceId);
        return Optional.ofNullable(history.get(resourceId));
    }

    @Override
    public Map<String, String> resourceIdsByName(String resourceType) {
        discoveryRequests.add(resourceType);
        return recordedIds.getOrDefault(resourceType, Map.of());
    }

    @Override
    public int putEvaluations(String resultToken, List<Evaluation> evaluations, boolean testMode) {
        puts.add(List.copyOf(evaluations));
        testModes.add(testMode);
        return 1;
    }
}
