package dev.neptuneguard.configrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigRuleTest {

    private static final String CLUSTER = "AWS::RDS::DBCluster";
    private static final String SNAPSHOT = "AWS::RDS::DBClusterSnapshot";
    private static final String LEGACY_ID = "cluster-ADZYMFU2DWHASQRC6BPQ7BASDA";

    private final RecordingConfigApi config = new RecordingConfigApi();
    private final ConfigRule rule = new ConfigRule(config, DemoAccount.CLOCK);

    static Stream<Arguments> fixtures() {
        String snapshots = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:";
        return Stream.of(
                arguments("change-aurora-cluster.json", CLUSTER, "cluster-DXRVYSLJOQYVKIEKQCLGHKI7EW",
                        ComplianceType.NOT_APPLICABLE, "Engine aurora-postgresql is not neptune.",
                        "2026-11-19T12:05:09.508Z"),
                arguments("change-neptune-cluster-configuration-string.json", CLUSTER,
                        "cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V", ComplianceType.COMPLIANT,
                        "Compliant: key " + DemoAccount.CMK, "2026-11-19T06:02:18.291Z"),
                arguments("change-neptune-cluster-default-key.json", CLUSTER, "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2",
                        ComplianceType.NON_COMPLIANT,
                        "NEPTUNE_CLUSTER_AWS_MANAGED_KEY (MEDIUM), key " + DemoAccount.AWS_RDS + ":",
                        "2026-11-20T14:31:22.508Z"),
                arguments("change-neptune-cluster-deleted.json", CLUSTER, "cluster-KZT437IQP7KEQ4CA2JAKABSND6",
                        ComplianceType.NOT_APPLICABLE, "The resource was deleted (ResourceDeleted).",
                        "2026-11-21T08:09:14.508Z"),
                arguments("change-neptune-cluster-deleted-not-recorded.json", CLUSTER,
                        "cluster-KZT437IQP7KEQ4CA2JAKABSND6", ComplianceType.NOT_APPLICABLE,
                        "The resource was deleted (ResourceDeletedNotRecorded).", "2026-11-21T08:15:40.508Z"),
                arguments("change-neptune-cluster-left-scope.json", CLUSTER, "cluster-67L7FRCQG527DVR65XVCRX4WR2",
                        ComplianceType.NOT_APPLICABLE, "The resource left the rule's scope.",
                        "2026-11-22T10:10:31.508Z"),
                arguments("change-neptune-cluster-unencrypted-kmskeyid-null.json", CLUSTER,
                        "cluster-2XCU656YRZXA5CTGNKEJVSV3IB", ComplianceType.NON_COMPLIANT,
                        "NEPTUNE_CLUSTER_UNENCRYPTED (HIGH), key none:", "2026-11-18T09:31:40.508Z"),
                arguments("change-neptune-cluster-exempt.json", CLUSTER, "cluster-T3QWZK5MBV7XN2HDPLRCY4GSFA",
                        ComplianceType.COMPLIANT, "NEPTUNE_CLUSTER_AWS_MANAGED_KEY (MEDIUM), key " + DemoAccount.AWS_RDS
                                + ": exempt (tag neptune-guard:exempt): staging data only, CMK migration planned"
                                + " (until 2026-12-31).", "2026-11-21T09:44:51.508Z"),
                arguments("change-neptune-cluster-legacy-casing.json", CLUSTER, "cluster-67L7FRCQG527DVR65XVCRX4WR2",
                        ComplianceType.COMPLIANT, "Compliant: key " + DemoAccount.HSM, "2026-11-22T10:04:12.508Z"),
                arguments("change-neptune-snapshot-default-key.json", SNAPSHOT,
                        snapshots + "graph-analytics-manual-2026-11-20", ComplianceType.NON_COMPLIANT,
                        "NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY (MEDIUM), key " + DemoAccount.AWS_RDS + ":",
                        "2026-11-20T15:36:12.508Z"),
                arguments("oversized-neptune-cluster.json", CLUSTER, LEGACY_ID, ComplianceType.NON_COMPLIANT,
                        "NEPTUNE_CLUSTER_KEY_UNUSABLE (CRITICAL), key " + DemoAccount.LEGACY + ":",
                        "2026-11-21T14:20:03.734Z"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("fixtures")
    void evaluate_eachConfigFixture_givesExpectedEvaluation(String file, String type, String id,
                                                           ComplianceType expected, String annotationStart,
                                                           String ordering) {
        config.history.put(LEGACY_ID, historyItem(DemoAccount.clusters().get(5), "OK"));
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event(file));

        RuleResult result = evaluate(invocation);

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceType()).isEqualTo(type);
            assertThat(e.resourceId()).isEqualTo(id);
            assertThat(e.complianceType()).isEqualTo(expected);
            assertThat(e.annotation()).startsWith(annotationStart).hasSizeLessThanOrEqualTo(256);
            assertThat(e.orderingTimestamp()).isEqualTo(Instant.parse(ordering));
        });
    }

    @Test
    void evaluate_oversizedNotification_fetchesTheItemFromHistoryOnce() {
        config.history.put(LEGACY_ID, historyItem(DemoAccount.clusters().get(5), "OK"));

        evaluate(ConfigInvocation.parse(DemoAccount.event("oversized-neptune-cluster.json")));

        assertThat(config.historyRequests).containsExactly(CLUSTER + "/" + LEGACY_ID);
    }

    @Test
    void evaluate_oversizedWithoutHistory_readsTheClusterLive() {
        RuleResult result = evaluate(ConfigInvocation.parse(DemoAccount.event("oversized-neptune-cluster.json")));

        assertThat(config.historyRequests).hasSize(1);
        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
            assertThat(e.annotation()).startsWith("NEPTUNE_CLUSTER_KEY_UNUSABLE");
        });
    }

    @Test
    void evaluate_oversizedWhoseHistoryItemIsDeleted_isNotApplicable() {
        config.history.put(LEGACY_ID, historyItem(DemoAccount.clusters().get(5), "ResourceDeleted"));

        RuleResult result = evaluate(ConfigInvocation.parse(DemoAccount.event("oversized-neptune-cluster.json")));

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NOT_APPLICABLE);
            assertThat(e.annotation()).contains("deleted");
        });
    }

    @Test
    void evaluate_oversizedThatLeftScope_isNotApplicableWithoutFetching() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("oversized-neptune-cluster.json");
        event.put("eventLeftScope", true);

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(config.historyRequests).isEmpty();
        assertThat(result.evaluations()).singleElement()
                .extracting(Evaluation::complianceType).isEqualTo(ComplianceType.NOT_APPLICABLE);
    }

    @Test
    void evaluate_scheduledNotification_evaluatesEveryNeptuneClusterAndSnapshot() {
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json"));

        RuleResult result = evaluate(invocation);

        Map<String, ComplianceType> byId = result.evaluations().stream()
                .collect(Collectors.toMap(Evaluation::resourceId, Evaluation::complianceType));
        String snap = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:";
        assertThat(byId).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("cluster-LBLRT7I2OUYRJJLEJNH7F6DK5V", ComplianceType.COMPLIANT),
                Map.entry("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2", ComplianceType.NON_COMPLIANT),
                Map.entry("cluster-2XCU656YRZXA5CTGNKEJVSV3IB", ComplianceType.NON_COMPLIANT),
                Map.entry("cluster-QW3ERTY7UIOP4ASDFGHJKL2ZXC", ComplianceType.COMPLIANT),
                Map.entry("cluster-67L7FRCQG527DVR65XVCRX4WR2", ComplianceType.COMPLIANT),
                Map.entry(LEGACY_ID, ComplianceType.NON_COMPLIANT),
                Map.entry(snap + "rds:graph-prod-2026-11-23-03-10", ComplianceType.COMPLIANT),
                Map.entry(snap + "graph-analytics-manual-2026-11-20", ComplianceType.NON_COMPLIANT),
                Map.entry(snap + "graph-scratch-snap", ComplianceType.NON_COMPLIANT),
                Map.entry(snap + "rds:graph-legacy-2026-11-23-03-10", ComplianceType.NON_COMPLIANT),
                Map.entry(snap + "graph-legacy-pre-migration", ComplianceType.COMPLIANT)));
        assertThat(result.evaluations()).extracting(Evaluation::orderingTimestamp)
                .containsOnly(Instant.parse("2026-11-23T00:00:41.662Z"));
        assertThat(result.unidentified()).isEmpty();
        assertThat(config.discoveryRequests).containsExactly(SNAPSHOT);
    }

    @Test
    void evaluate_scheduledWithKmsKeyArns_failsTheLegacyClusterOnTheAllowList() {
        RuleResult result = evaluate(ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json")));

        Evaluation legacy = byId(result).get(LEGACY_ID);
        assertThat(legacy.annotation()).startsWith("NEPTUNE_CLUSTER_KEY_UNUSABLE (CRITICAL)")
                .contains("Also failed: NEPTUNE_CLUSTER_KEY_NOT_ALLOWED");
    }

    @Test
    void evaluate_scheduledSnapshot_usesTheIdConfigRecordedItUnder() {
        config.recordedIds.put(SNAPSHOT, Map.of("graph-scratch-snap", "recorded-id-of-graph-scratch-snap"));

        RuleResult result = evaluate(ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json")));

        assertThat(byId(result)).containsKey("recorded-id-of-graph-scratch-snap")
                .doesNotContainKey("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:graph-scratch-snap");
    }

    @Test
    void evaluate_scheduledWithClusterScopeOnly_skipsSnapshotsAndTheirLookup() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("scheduled-notification.json");
        event.put("ruleParameters", parameters("resourceTypes", CLUSTER));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).hasSize(6).extracting(Evaluation::resourceType).containsOnly(CLUSTER);
        assertThat(config.discoveryRequests).isEmpty();
    }

    @Test
    void evaluate_scheduledClusterWithoutResourceId_takesItFromConfigOrReportsIt() {
        ClusterFacts known = DemoAccount.cluster("graph-a", null, "neptune", true, DemoAccount.CMK, Map.of());
        ClusterFacts unknown = DemoAccount.cluster("graph-b", null, "neptune", true, DemoAccount.CMK, Map.of());
        config.recordedIds.put(CLUSTER, Map.of("graph-a", "cluster-GRAPHARECORDEDID"));
        StaticInventory inventory = DemoAccount.inventory(List.of(known, unknown), List.of());
        ConfigInvocation invocation = ConfigInvocation.parse(DemoAccount.event("scheduled-notification.json"));

        RuleResult result = rule.evaluate(invocation, RuleSettings.resolve(Map.of(), Map.of()), inventory);

        assertThat(result.evaluations()).extracting(Evaluation::resourceId).containsExactly("cluster-GRAPHARECORDEDID");
        assertThat(result.unidentified()).containsExactly(DemoAccount.clusterArn("graph-b"));
        assertThat(config.discoveryRequests).containsExactly(CLUSTER);
    }

    @Test
    void evaluate_ruleParameterRelaxingThePolicy_makesTheDefaultKeyCompliant() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-cluster-default-key.json");
        event.put("ruleParameters", parameters("requireCustomerManagedKey", "false"));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).singleElement()
                .extracting(Evaluation::complianceType).isEqualTo(ComplianceType.COMPLIANT);
    }

    @Test
    void evaluate_snapshotItemWhenRuleCoversClustersOnly_isNotApplicable() {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode("change-neptune-snapshot-default-key.json");
        event.put("ruleParameters", parameters("resourceTypes", CLUSTER));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NOT_APPLICABLE);
            assertThat(e.annotation()).contains("resourceTypes").contains(SNAPSHOT);
        });
    }

    @Test
    void evaluate_itemOfAnotherResourceType_isNotApplicable() {
        ObjectNode event = withItem("change-neptune-cluster-default-key.json",
                item -> item.put("resourceType", "AWS::EC2::Instance").put("resourceId", "i-042dd005362091826"));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceType()).isEqualTo("AWS::EC2::Instance");
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NOT_APPLICABLE);
        });
    }

    @Test
    void evaluate_itemWithoutConfiguration_readsTheClusterLive() {
        ObjectNode event = withItem("change-neptune-cluster-default-key.json",
                item -> item.putNull("configuration").put("configurationItemStatus", "ResourceNotRecorded"));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.resourceId()).isEqualTo("cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2");
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
        });
    }

    @Test
    void evaluate_itemWithoutConfigurationForAnInvisibleCluster_isNotApplicable() {
        ObjectNode event = withItem("change-neptune-cluster-exempt.json", item -> item.remove("configuration"));

        RuleResult result = evaluate(ConfigInvocation.parse(event));

        assertThat(result.evaluations()).singleElement().satisfies(e -> {
            assertThat(e.complianceType()).isEqualTo(ComplianceType.NOT_APPLICABLE);
            assertThat(e.annotation()).contains("not visible");
        });
    }

    @Test
    void evaluate_itemWithoutResourceId_isInvalidInput() {
        ObjectNode event = withItem("change-neptune-cluster-default-key.json", item -> item.remove("resourceId"));
        ConfigInvocation invocation = ConfigInvocation.parse(event);

        assertThatThrownBy(() -> evaluate(invocation)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("resourceId");
    }

    private RuleResult evaluate(ConfigInvocation invocation) {
        return rule.evaluate(invocation, RuleSettings.resolve(Map.of(), invocation.ruleParameters()),
                DemoAccount.inventory());
    }

    /** Rule parameters as Config carries them: a JSON object serialized into a string. */
    private static String parameters(String name, String value) {
        return Json.MAPPER.createObjectNode().put(name, value).toString();
    }

    private static Map<String, Evaluation> byId(RuleResult result) {
        return result.evaluations().stream().collect(Collectors.toMap(Evaluation::resourceId, Function.identity()));
    }

    /** A fixture whose configuration item was changed, re-serialized the way Config sends it (a string). */
    private static ObjectNode withItem(String file, Consumer<ObjectNode> change) {
        ObjectNode event = (ObjectNode) DemoAccount.eventNode(file);
        try {
            ObjectNode invoking = (ObjectNode) Json.MAPPER.readTree(event.get("invokingEvent").asText());
            change.accept((ObjectNode) invoking.get("configurationItem"));
            event.put("invokingEvent", Json.MAPPER.writeValueAsString(invoking));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return event;
    }

    /** A configuration item as GetResourceConfigHistory returns it: {@code arn}, {@code configuration} as a string. */
    static JsonNode historyItem(ClusterFacts cluster, String status) {
        ObjectNode configuration = Json.MAPPER.createObjectNode()
                .put("dbclusterIdentifier", cluster.identifier())
                .put("dbClusterResourceId", cluster.resourceId())
                .put("dbclusterArn", cluster.arn())
                .put("engine", cluster.engine())
                .put("status", cluster.status())
                .put("storageEncrypted", cluster.encrypted())
                .put("kmsKeyId", cluster.kmsKeyId());
        ObjectNode item = Json.MAPPER.createObjectNode()
                .put("version", "1.3")
                .put("accountId", cluster.account())
                .put("configurationItemCaptureTime", "2026-11-21T14:20:03.734Z")
                .put("configurationItemStatus", status)
                .put("arn", cluster.arn())
                .put("resourceType", CLUSTER)
                .put("resourceId", cluster.resourceId())
                .put("resourceName", cluster.identifier())
                .put("awsRegion", cluster.region());
        ObjectNode tags = item.putObject("tags");
        cluster.tags().forEach(tags::put);
        try {
            item.put("configuration", Json.MAPPER.writeValueAsString(configuration));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return item;
    }
}
