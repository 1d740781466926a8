package dev.neptuneguard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionPatternsTest {

    @Test
    void all_names_areUniqueUpperSnakeCase() {
        List<String> names = DetectionPatterns.all().stream().map(DetectionPatterns.Rule::name).toList();

        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Z][A-Z0-9_]+"));
    }

    @Test
    void all_handlers_areTheTwoEventHandlers() {
        assertThat(DetectionPatterns.all()).extracting(DetectionPatterns.Rule::handler)
                .containsOnly(DetectionPatterns.CLUSTER_ENCRYPTION_HANDLER, DetectionPatterns.KEY_REVOCATION_HANDLER);
    }

    @Test
    void rdsRules_eventNames_coverEveryResourceTriggerExactlyOnce() {
        List<String> matched = new ArrayList<>();
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            if (rule.pattern().path("source").get(0).asText().equals("aws.rds")) {
                rule.pattern().path("detail").path("eventName").forEach(n -> matched.add(n.asText()));
            }
        }

        List<String> triggers = Arrays.stream(ResourceTrigger.Kind.values()).map(ResourceTrigger.Kind::eventName)
                .toList();
        assertThat(matched).containsExactlyInAnyOrderElementsOf(triggers);
    }

    @Test
    void kmsRules_eventNamesAndDetailTypes_coverEveryKeyTriggerExactlyOnce() {
        List<String> matched = new ArrayList<>();
        matched.addAll(texts(DetectionPatterns.KMS_KEY_CHANGES.pattern().path("detail").path("eventName")));
        matched.addAll(texts(DetectionPatterns.KMS_NATIVE_EVENTS.pattern().path("detail-type")));

        List<String> triggers = Arrays.stream(KeyTrigger.Kind.values()).map(KeyTrigger.Kind::eventName).toList();
        assertThat(matched).containsExactlyInAnyOrderElementsOf(triggers);
    }

    @Test
    void cloudTrailRules_pattern_excludesFailedCalls() {
        for (DetectionPatterns.Rule rule : DetectionPatterns.all()) {
            JsonNode pattern = rule.pattern();
            if (texts(pattern.path("detail-type")).contains(EventParser.CLOUDTRAIL_API_CALL)) {
                assertThat(pattern.path("detail").path("errorCode").toString())
                        .as(rule.name()).isEqualTo("[{\"exists\":false}]");
            }
        }
    }

    @Test
    void neptuneCreates_pattern_filtersTheEngineInTheRequest() {
        JsonNode engine = DetectionPatterns.RDS_NEPTUNE_CLUSTER_CREATES.pattern()
                .path("detail").path("requestParameters").path("engine");

        assertThat(engine.toString()).isEqualTo("[{\"equals-ignore-case\":\"neptune\"}]");
    }

    @Test
    void pattern_returnsAFreshCopy() {
        JsonNode first = DetectionPatterns.KMS_NATIVE_EVENTS.pattern();
        ((ObjectNode) first).remove("source");

        assertThat(DetectionPatterns.KMS_NATIVE_EVENTS.pattern().has("source")).isTrue();
    }

    @Test
    void byName_knownAndUnknown_findsOnlyKnown() {
        assertThat(DetectionPatterns.byName("KMS_KEY_CHANGES")).contains(DetectionPatterns.KMS_KEY_CHANGES);
        assertThat(DetectionPatterns.byName("kms_key_changes")).isEmpty();
    }

    @Test
    void rule_invalidJson_failsWithTheParserMessage() {
        assertThatThrownBy(() -> new DetectionPatterns.Rule("X", "h", "s", "{\"source\": ["))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid event pattern JSON");
        assertThatThrownBy(() -> new DetectionPatterns.Rule("X", "h", "s", "[]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
