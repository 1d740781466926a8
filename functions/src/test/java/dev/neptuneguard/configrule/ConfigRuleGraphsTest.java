package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS Config records no Neptune Analytics resource type, so the Config rule never claims anything about graphs: an
 * account whose inventory holds a graph on the AWS owned key and a graph snapshot gets, from a scheduled run, exactly
 * the evaluations of its clusters and cluster snapshots; an item of a graph type (should Config ever send one) is
 * NOT_APPLICABLE without a lookup; and a rule parameter that asks for graphs is refused.
 */
class ConfigRuleGraphsTest {

    private static final String GRAPH_ARN = "arn:aws:neptune-graph:us-east-1:111122223333:graph/g-fr4ud00001";
    private static final String GRAPH_SNAPSHOT_ARN =
            "arn:aws:neptune-graph:us-east-1:111122223333:graph-snapshot/gs-fr4udn1ght";

    private final RecordingConfigApi config = new RecordingConfigApi();
    private final ConfigRule rule = new ConfigRule(config, DemoAccount.CLOCK);

    private static StaticInventory withGraphs() {
        GraphFacts graph = new GraphFacts(GRAPH_ARN, "g-fr4ud00001", "fraud-rings", "111122223333", "us-east-1",
                "AVAILABLE", null, "AWS_OWNED_KEY", true, Map.of(), false, FactSource.OFFLINE);
        GraphSnapshotFacts snapshot = new GraphSnapshotFacts(GRAPH_SNAPSHOT_ARN, "gs-fr4udn1ght",
                "fraud-rings-nightly", "g-fr4ud00001", "111122223333", "us-east-1", "AVAILABLE", "AWS_OWNED_KEY",
                Instant.parse("2026-11-23T02:00:12Z"), Map.of(), false, FactSource.OFFLINE);
        return new StaticInventory("111122223333", "us-east-1", DemoAccount.clusters(), DemoAccount.snapshots(),
                DemoAccount.keys(), List.of(graph), List.of(snapshot));
    }

    @Test
    void scheduled_accountWithAGraphOnTheAwsOwnedKey_evaluatesOnlyClustersAndClusterSnapshots() {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json"));

        RuleResult withGraphs = rule.evaluate(invocation, RuleSettings.resolve(Map.of(),
                invocation.ruleParameters()), withGraphs());
        RuleResult without = new ConfigRule(new RecordingConfigApi(), DemoAccount.CLOCK).evaluate(invocation,
                RuleSettings.resolve(Map.of(), invocation.ruleParameters()), DemoAccount.inventory());

        assertThat(withGraphs.evaluations()).isNotEmpty().extracting(Evaluation::resourceType)
                .containsOnly("AWS::RDS::DBCluster", "AWS::RDS::DBClusterSnapshot");
        assertThat(withGraphs.evaluations()).allSatisfy(e -> assertThat(e.resourceId() + " " + e.annotation())
                .doesNotContain("neptune-graph", "g-fr4ud00001", "NEPTUNE_GRAPH", "Neptune Analytics"));
        assertThat(withGraphs.evaluations()).isEqualTo(without.evaluations());
        assertThat(withGraphs.unidentified()).isEqualTo(without.unidentified());
    }

    @Test
    void change_itemOfAGraphType_isNotApplicableWithoutAnyLookup() throws IOException {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        ObjectNode invoking = (ObjectNode) Json.MAPPER.readTree(event.get("invokingEvent").asText());
        ObjectNode item = (ObjectNode) invoking.get("configurationItem");
        item.put("resourceType", "AWS::NeptuneGraph::Graph").put("resourceId", "g-fr4ud00001")
                .put("ARN", GRAPH_ARN).put("resourceName", "fraud-rings");
        event.put("invokingEvent", Json.MAPPER.writeValueAsString(invoking));
        ConfigInvocation invocation = ConfigInvocation.parse(event);

        RuleResult result = rule.evaluate(invocation, RuleSettings.resolve(Map.of(), invocation.ruleParameters()),
                withGraphs());

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceType()).isEqualTo("AWS::NeptuneGraph::Graph");
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NOT_APPLICABLE);
            assertThat(e.annotation()).isEqualTo("neptune-guard does not evaluate AWS::NeptuneGraph::Graph.");
        });
        assertThat(config.historyRequests).isEmpty();
        assertThat(config.discoveryRequests).isEmpty();
    }

    @Test
    void ruleParameter_askingForGraphs_isRefusedWithTheTypesItTakes() {
        Map<String, String> parameters = Map.of(RuleSettings.RESOURCE_TYPES, "AWS::NeptuneGraph::Graph");

        assertThatThrownBy(() -> RuleSettings.resolve(Map.of(), parameters))
                .isInstanceOf(RuleParametersException.class)
                .hasMessageContaining("AWS::NeptuneGraph::Graph")
                .hasMessageContaining("AWS::RDS::DBCluster");
    }
}
