package dev.neptuneguard.sinks;

import static dev.neptuneguard.sinks.TestFindings.EVENT_ID;
import static dev.neptuneguard.sinks.TestFindings.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Neptune Analytics findings in ASFF: {@code Resources[].Type} {@code Other} with {@code Details.Other}. */
class AsffGraphTest {

    private static final String GRAPH_ARN = "arn:aws:neptune-graph:us-east-1:111122223333:graph/g-fr4ud00001";
    private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static Finding failed(List<Finding> findings, RuleId rule) {
        return findings.stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow();
    }

    @Test
    void toJson_graphOnAwsOwnedKey_otherTypeWithTheGraphsFields() {
        GraphFacts graph = new GraphFacts(GRAPH_ARN, "g-fr4ud00001", "fraud-rings", "111122223333", "us-east-1",
                "AVAILABLE", null, null, false, Map.of(), true, FactSource.LIVE);
        Finding f = failed(new EncryptionRules(Policy.defaults()).evaluateGraph(graph, null, TODAY),
                RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY);

        JsonNode json = AsffMapper.toJson(AsffMapper.toAsff(f, NOW, NOW, EVENT_ID));

        assertThat(json.get("Resources")).hasSize(1);
        JsonNode resource = json.get("Resources").get(0);
        assertThat(resource.get("Type").asText()).isEqualTo("Other");
        assertThat(resource.get("Id").asText()).isEqualTo(GRAPH_ARN);
        assertThat(resource.get("Region").asText()).isEqualTo("us-east-1");
        JsonNode other = resource.at("/Details/Other");
        assertThat(other.get("Service").asText()).isEqualTo("neptune-graph");
        assertThat(other.get("ResourceType").asText()).isEqualTo("AWS::NeptuneGraph::Graph");
        assertThat(other.get("GraphId").asText()).isEqualTo("g-fr4ud00001");
        assertThat(other.get("Name").asText()).isEqualTo("fraud-rings");
        assertThat(other.get("KmsKeyIdentifier").asText()).isEqualTo("AWS_OWNED_KEY");
        assertThat(json.get("GeneratorId").asText()).contains("NEPTUNE_GRAPH_AWS_OWNED_KEY");
    }

    @Test
    void toJson_graphSnapshotOnDisabledKey_snapshotAndKeyResources() {
        GraphSnapshotFacts snapshot = new GraphSnapshotFacts(
                "arn:aws:neptune-graph:us-east-1:111122223333:graph-snapshot/gs-fr4udn1ght", "gs-fr4udn1ght",
                "fraud-rings-nightly", "g-fr4ud00001", "111122223333", "us-east-1", "AVAILABLE", KEY,
                Instant.parse("2026-11-22T04:00:00Z"), Map.of(), true, FactSource.LIVE);
        KeyFacts key = new KeyFacts(KEY, KEY, "1234abcd-12ab-34cd-56ef-1234567890ab", "111122223333", "us-east-1",
                "CUSTOMER", "Disabled", "AWS_KMS", null, false, null, null, KeyRotation.ENABLED, List.of(), null, null);
        Finding f = failed(new EncryptionRules(Policy.defaults()).evaluateGraphSnapshot(snapshot, key, TODAY),
                RuleId.NEPTUNE_GRAPH_SNAPSHOT_KEY_UNUSABLE);

        JsonNode resources = AsffMapper.toJson(AsffMapper.toAsff(f, NOW, NOW, EVENT_ID)).get("Resources");

        assertThat(resources.get(0).get("Type").asText()).isEqualTo("Other");
        assertThat(resources.get(0).at("/Details/Other/GraphSnapshotId").asText()).isEqualTo("gs-fr4udn1ght");
        assertThat(resources.get(0).at("/Details/Other/KmsKeyIdentifier").asText()).isEqualTo(KEY);
        assertThat(resources.get(1).get("Type").asText()).isEqualTo("AwsKmsKey");
        assertThat(resources.get(1).at("/Details/AwsKmsKey/KeyState").asText()).isEqualTo("Disabled");
    }
}
