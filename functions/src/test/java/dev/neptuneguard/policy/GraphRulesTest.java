package dev.neptuneguard.policy;

import static dev.neptuneguard.policy.TestFacts.ACCOUNT;
import static dev.neptuneguard.policy.TestFacts.AWS_RDS_ARN;
import static dev.neptuneguard.policy.TestFacts.CMK_ARN;
import static dev.neptuneguard.policy.TestFacts.HSM_ARN;
import static dev.neptuneguard.policy.TestFacts.REGION;
import static dev.neptuneguard.policy.TestFacts.awsRds;
import static dev.neptuneguard.policy.TestFacts.cmk;
import static dev.neptuneguard.policy.TestFacts.only;
import static dev.neptuneguard.policy.TestFacts.withRule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final EncryptionRules DEFAULTS = new EncryptionRules(Policy.defaults());
    private static final String GRAPH_ID = "g-0123456789";
    private static final String SNAPSHOT_ID = "gs-0123456789";

    private static GraphFacts graph(String kmsKeyIdentifier, String status, String reason) {
        return new GraphFacts("arn:aws:neptune-graph:" + REGION + ":" + ACCOUNT + ":graph/" + GRAPH_ID, GRAPH_ID,
                "fraud-graph", ACCOUNT, REGION, status, reason, kmsKeyIdentifier, false, Map.of(), true,
                FactSource.LIVE);
    }

    private static GraphSnapshotFacts snapshot(String kmsKeyIdentifier) {
        return new GraphSnapshotFacts("arn:aws:neptune-graph:" + REGION + ":" + ACCOUNT + ":graph-snapshot/"
                + SNAPSHOT_ID, SNAPSHOT_ID, "fraud-nightly", GRAPH_ID, ACCOUNT, REGION, "AVAILABLE", kmsKeyIdentifier,
                Instant.parse("2026-11-20T15:18:55Z"), Map.of(), true, FactSource.LIVE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "AWS_OWNED_KEY", " aws_owned_key "})
    void evaluateGraph_awsOwnedKeyUnderCmkPolicy_failsMediumWithExportImportPath(String identifier) {
        List<Finding> findings = DEFAULTS.evaluateGraph(graph(identifier, "AVAILABLE", null), null, TODAY);

        Finding owned = only(findings, RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY);
        assertThat(owned.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(owned.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(owned.resourceType()).isEqualTo(ResourceType.GRAPH);
        assertThat(owned.keyArn()).isNull();
        assertThat(owned.detail()).contains("fraud-graph", "owns");
        assertThat(owned.remediation()).contains("start-export-task --graph-identifier g-0123456789",
                "create-graph-using-import-task --graph-name fraud-graph-cmk --kms-key-identifier");
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE).status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNVERIFIABLE).status())
                .isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_INACCESSIBLE).status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluateGraph_awsOwnedKeyWithoutCmkRequirement_hasNoOwnedKeyFinding() {
        EncryptionRules rules = new EncryptionRules(new Policy(false, List.of(), Set.of(), false));

        List<Finding> findings = rules.evaluateGraph(graph(null, "AVAILABLE", null), null, TODAY);

        assertThat(withRule(findings, RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY)).isEmpty();
        assertThat(findings).noneMatch(f -> f.status() == ComplianceStatus.FAILED);
    }

    @Test
    void evaluateGraph_awsOwnedKeyWithAllowlistAndOrigins_failsBoth() {
        EncryptionRules rules = new EncryptionRules(new Policy(true, List.of(CMK_ARN), Set.of("AWS_CLOUDHSM"), false));

        List<Finding> findings = rules.evaluateGraph(graph("AWS_OWNED_KEY", "AVAILABLE", null), null, TODAY);

        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_NOT_ALLOWED).status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_ORIGIN_BELOW_POLICY).status())
                .isEqualTo(ComplianceStatus.FAILED);
    }

    @Test
    void evaluateGraph_usableCustomerKey_passesEveryKeyRule() {
        KeyFacts key = cmk().build();

        List<Finding> findings = DEFAULTS.evaluateGraph(graph(CMK_ARN, "AVAILABLE", null), key, TODAY);

        assertThat(findings).extracting(Finding::status).containsOnly(ComplianceStatus.PASSED);
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY).detail()).contains("customer managed key");
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE).keyArn()).isEqualTo(CMK_ARN);
    }

    @Test
    void evaluateGraph_keyDescribedAsAwsManaged_failsOwnedKeyRuleByKeyManagerNotText() {
        KeyFacts key = awsRds().build();

        List<Finding> findings = DEFAULTS.evaluateGraph(graph(AWS_RDS_ARN, "AVAILABLE", null), key, TODAY);

        Finding owned = only(findings, RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY);
        assertThat(owned.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(owned.detail()).contains("AWS managed key");
    }

    @Test
    void evaluateGraph_keyBelowRequiredOrigin_failsOriginRule() {
        EncryptionRules rules = new EncryptionRules(new Policy(true, List.of(), Set.of("AWS_CLOUDHSM"), false));

        List<Finding> findings = rules.evaluateGraph(graph(CMK_ARN, "AVAILABLE", null), cmk().build(), TODAY);

        Finding origin = only(findings, RuleId.NEPTUNE_GRAPH_KEY_ORIGIN_BELOW_POLICY);
        assertThat(origin.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(origin.detail()).startsWith("Graph fraud-graph uses key").contains("AWS_KMS", "AWS_CLOUDHSM");
    }

    @Test
    void evaluateGraph_keyNotOnAllowlist_failsNotAllowed() {
        EncryptionRules rules = new EncryptionRules(new Policy(true, List.of(HSM_ARN), Set.of(), false));

        Finding f = only(rules.evaluateGraph(graph(CMK_ARN, "AVAILABLE", null), cmk().build(), TODAY),
                RuleId.NEPTUNE_GRAPH_KEY_NOT_ALLOWED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluateGraph_disabledKeyOnAvailableGraph_failsUnusableCriticalButNotInaccessible() {
        KeyFacts key = cmk().state("Disabled").build();

        List<Finding> findings = DEFAULTS.evaluateGraph(graph(CMK_ARN, "AVAILABLE", null), key, TODAY);

        Finding unusable = only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE);
        assertThat(unusable.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(unusable.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(unusable.detail()).contains("Disabled", "Neptune Analytics cannot read the graph's data");
        assertThat(unusable.remediation()).contains("aws kms enable-key");
        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_INACCESSIBLE).status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluateGraph_failedGraphOnDisabledKey_isInaccessibleCritical() {
        KeyFacts key = cmk().state("Disabled").build();

        Finding f = only(DEFAULTS.evaluateGraph(graph(CMK_ARN, "FAILED", "KMS key is disabled"), key, TODAY),
                RuleId.NEPTUNE_GRAPH_INACCESSIBLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("status FAILED", "status reason: KMS key is disabled", "Disabled");
    }

    @Test
    void evaluateGraph_failedGraphWithUsableKey_isNotApplicableWhateverTheReasonSays() {
        Finding f = only(DEFAULTS.evaluateGraph(graph(CMK_ARN, "FAILED", "KMS key is disabled"), cmk().build(), TODAY),
                RuleId.NEPTUNE_GRAPH_INACCESSIBLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        assertThat(f.detail()).contains("Enabled");
    }

    @Test
    void evaluateGraph_deletedKey_failsUnusableAndInaccessibleWithDeletionAdvice() {
        KeyFacts key = KeyFacts.refused(CMK_ARN, "NotFoundException", "Key '" + CMK_ARN + "' does not exist");
        assertThat(key.deleted()).isTrue();

        List<Finding> findings = DEFAULTS.evaluateGraph(graph(CMK_ARN, "FAILED", null), key, TODAY);

        assertThat(only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE).detail()).contains("was deleted",
                "Neptune Analytics can never read");
        Finding failure = only(findings, RuleId.NEPTUNE_GRAPH_INACCESSIBLE);
        assertThat(failure.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(failure.remediation()).contains("restore-graph-from-snapshot");
    }

    @Test
    void evaluateGraph_keyNotReadable_isUnverifiableLowNeverDeleted() {
        KeyFacts key = KeyFacts.refused(CMK_ARN, "AccessDeniedException", "not authorized");

        List<Finding> findings = DEFAULTS.evaluateGraph(graph(CMK_ARN, "AVAILABLE", null), key, TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_GRAPH_KEY_UNVERIFIABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(withRule(findings, RuleId.NEPTUNE_GRAPH_KEY_UNUSABLE)).isEmpty();
    }

    @Test
    void evaluateGraph_unknownStatus_isNotApplicableNeverPassed() {
        Finding f = only(DEFAULTS.evaluateGraph(graph(CMK_ARN, null, null), cmk().build(), TODAY),
                RuleId.NEPTUNE_GRAPH_INACCESSIBLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
    }

    @Test
    void evaluateGraph_exemptTag_suppressesFailures() {
        GraphFacts exempt = graph(null, "AVAILABLE", null).withTags(Map.of("neptune-guard:exempt", "lab graph"));

        Finding f = only(DEFAULTS.evaluateGraph(exempt, null, TODAY), RuleId.NEPTUNE_GRAPH_AWS_OWNED_KEY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.suppressed()).isTrue();
        assertThat(f.suppressionReason()).contains("lab graph");
    }

    @Test
    void evaluateGraphSnapshot_awsOwnedKey_failsSnapshotRule() {
        List<Finding> findings = DEFAULTS.evaluateGraphSnapshot(snapshot(null), null, TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_GRAPH_SNAPSHOT_AWS_OWNED_KEY);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.resourceType()).isEqualTo(ResourceType.GRAPH_SNAPSHOT);
        assertThat(f.remediation()).contains("delete-graph-snapshot --snapshot-identifier gs-0123456789");
    }

    @Test
    void evaluateGraphSnapshot_pendingDeletionKey_failsHighWithDate() {
        KeyFacts key = cmk().state("PendingDeletion").deletionDate(Instant.parse("2026-12-01T00:00:00Z")).build();

        Finding f = only(DEFAULTS.evaluateGraphSnapshot(snapshot(CMK_ARN), key, TODAY),
                RuleId.NEPTUNE_GRAPH_SNAPSHOT_KEY_UNUSABLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.detail()).contains("2026-12-01", "cannot be restored");
        assertThat(f.remediation()).contains("cancel-key-deletion");
    }
}
