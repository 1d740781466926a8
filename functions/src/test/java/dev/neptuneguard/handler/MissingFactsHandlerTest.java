package dev.neptuneguard.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.configrule.ConfigApi;
import dev.neptuneguard.configrule.Evaluation;
import dev.neptuneguard.inventory.StaticInventory;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.Demo;
import dev.neptuneguard.revocation.KeyRevocationGuard;
import dev.neptuneguard.revocation.Protection;
import dev.neptuneguard.revocation.ProtectionMode;
import dev.neptuneguard.revocation.ProtectionSettings;
import dev.neptuneguard.revocation.RecordingKeyActions;
import dev.neptuneguard.revocation.RecordingReminders;
import dev.neptuneguard.revocation.ReminderSettings;
import dev.neptuneguard.revocation.RevocationRules;
import dev.neptuneguard.revocation.RevocationSweep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Facts that are missing from the data (a cluster without {@code Status}, a cluster or snapshot without
 * {@code Engine}) through every Lambda path: each is evaluated as unknown and reported, never a crash and never
 * skipped as "another engine".
 */
class MissingFactsHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T17:10:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<Finding> delivered = new ArrayList<>();
    private final RecordingKeyActions actions = new RecordingKeyActions();

    private FindingReporter reporter() {
        PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
        return new FindingReporter(new Log("test", out, CLOCK), new Metrics("NeptuneGuard", "test", out, CLOCK),
                (id, findings) -> delivered.addAll(findings));
    }

    /** The demo account with {@code status} on every cluster. */
    private static Demo.Builder everyClusterWithStatus(String status) {
        return Demo.account()
                .replaceCluster(Demo.cluster("graph-prod", Demo.CMK, status, true))
                .replaceCluster(Demo.cluster("graph-analytics", Demo.AWS_RDS, status, false))
                .replaceCluster(Demo.cluster("graph-scratch", null, status, false))
                .replaceCluster(Demo.cluster("graph-hsm", Demo.HSM, status, true))
                .replaceCluster(Demo.cluster("graph-legacy", Demo.LEGACY, status, false));
    }

    private KeyRevocationGuard guard(StaticInventory inventory) {
        return new KeyRevocationGuard(inventory, new RevocationRules(), new RecordingReminders(),
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS),
                new Protection(new ProtectionSettings(ProtectionMode.ON, List.of()), actions, CLOCK), CLOCK);
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String input)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @ParameterizedTest
    @CsvSource({
            "kms/disable-key-legacy.json, Disabled, KMS_KEY_DISABLED_IN_USE, true",
            "kms/schedule-key-deletion-legacy.json, PendingDeletion, KMS_KEY_DELETION_SCHEDULED_IN_USE, true",
            "kms/delete-imported-key-material.json, PendingImport, KMS_KEY_MATERIAL_DELETED_IN_USE, false"})
    void keyRevocation_clustersWithoutStatus_alertsWithStatusUnknown(String fixture, String state, RuleId rule,
                                                                     boolean protects) throws IOException {
        StaticInventory inventory = everyClusterWithStatus(null).legacy(state).build();

        invoke(new KeyRevocationHandler(() -> guard(inventory), reporter()), Demo.event(fixture));

        assertThat(delivered).extracting(Finding::ruleId).contains(rule);
        Finding alert = delivered.stream().filter(f -> f.ruleId() == rule).findFirst().orElseThrow();
        assertThat(alert.detail()).contains("graph-legacy (status unknown").doesNotContain("already lost access");
        assertThat(alert.remediation()).doesNotContain("start-db-cluster");
        if (protects) {
            // Unknown is not "cut off": protection keeps the key usable for the cluster that may still need it.
            assertThat(actions.calls).contains("EnableKey");
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void sweep_clustersWithoutStatusOnUnusableKeys_reportsEveryKey(String status) throws IOException {
        StaticInventory inventory = everyClusterWithStatus(status).legacy("PendingDeletion").hsm("Unavailable")
                .cmk(Demo.cmk("Disabled")).build();
        RevocationSweep sweep = new RevocationSweep(inventory, new RevocationRules(), new RecordingReminders(),
                ReminderSettings.offsets(ReminderSettings.DEFAULT_OFFSETS), CLOCK);

        invoke(new SweepHandler(() -> sweep, reporter()), Demo.event("misc/sweep-scheduled-event.json"));

        assertThat(delivered).extracting(Finding::ruleId).containsExactlyInAnyOrder(RuleId.KMS_KEY_DISABLED_IN_USE,
                RuleId.KMS_KEY_STORE_DISCONNECTED_IN_USE, RuleId.KMS_KEY_DELETION_SCHEDULED_IN_USE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void clusterEncryption_clusterWithoutEngineOrStatus_evaluatedNotSkipped(String engine) throws IOException {
        ClusterFacts unknown = new ClusterFacts(Demo.clusterArn("graph-analytics"), "graph-analytics",
                "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY2", Demo.ACCOUNT, Demo.REGION, engine, null, true, Demo.AWS_RDS,
                false, Map.of(), true, FactSource.LIVE);
        StaticInventory inventory = new StaticInventory(Demo.ACCOUNT, Demo.REGION, List.of(unknown), List.of(),
                List.of(Demo.awsRds()));
        ClusterEncryptionHandler handler = new ClusterEncryptionHandler(() -> inventory,
                new EncryptionRules(Policy.defaults()), reporter(), CLOCK);

        JsonNode summary = invoke(handler, Demo.event("rds/create-db-cluster-neptune-default-key.json"));

        assertThat(summary.get("status").asText()).as(summary.toString()).isEqualTo("evaluated");
        assertThat(delivered).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);
            assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        });
        assertThat(delivered).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);
            assertThat(f.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        });
        assertThat(inventory.clusters()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "status"})
    void configRule_itemWithoutEngineOrStatusNotVisible_evaluatedNotSkipped(String removed) throws IOException {
        ObjectNode invocation = (ObjectNode) Json.MAPPER.readTree(
                Demo.event("config/change-neptune-cluster-default-key.json"));
        ObjectNode invoking = (ObjectNode) Json.MAPPER.readTree(invocation.get("invokingEvent").asText());
        ((ObjectNode) invoking.get("configurationItem").get("configuration")).remove(removed);
        invocation.put("invokingEvent", Json.MAPPER.writeValueAsString(invoking));
        StaticInventory empty = new StaticInventory(Demo.ACCOUNT, Demo.REGION, List.of(), List.of(),
                List.of(Demo.awsRds()));
        RecordedEvaluations config = new RecordedEvaluations();

        invoke(Handlers.configRule(config, (account, policy) -> empty, Map.of(), CLOCK,
                new PrintStream(logs, true, StandardCharsets.UTF_8)), Json.MAPPER.writeValueAsString(invocation));

        assertThat(config.evaluations).singleElement().satisfies(e -> {
            assertThat(e.complianceType().name()).isEqualTo("NON_COMPLIANT");
            assertThat(e.annotation()).contains("NEPTUNE_CLUSTER_AWS_MANAGED_KEY");
        });
    }

    /** Config's API with nothing recorded; keeps what would be sent. */
    private static final class RecordedEvaluations implements ConfigApi {

        final List<Evaluation> evaluations = new ArrayList<>();

        @Override
        public Optional<JsonNode> latestConfigurationItem(String resourceType, String resourceId) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> resourceIdsByName(String resourceType) {
            return Map.of();
        }

        @Override
        public int putEvaluations(String resultToken, List<Evaluation> list, boolean testMode) {
            evaluations.addAll(list);
            return 1;
        }
    }
}
