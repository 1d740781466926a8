package dev.neptuneguard.policy;

import static dev.neptuneguard.policy.TestFacts.ACCOUNT;
import static dev.neptuneguard.policy.TestFacts.AWS_RDS_ARN;
import static dev.neptuneguard.policy.TestFacts.CMK_ALIAS;
import static dev.neptuneguard.policy.TestFacts.CMK_ARN;
import static dev.neptuneguard.policy.TestFacts.CMK_ID;
import static dev.neptuneguard.policy.TestFacts.HSM_ARN;
import static dev.neptuneguard.policy.TestFacts.OTHER_ARN;
import static dev.neptuneguard.policy.TestFacts.REGION;
import static dev.neptuneguard.policy.TestFacts.awsRds;
import static dev.neptuneguard.policy.TestFacts.cluster;
import static dev.neptuneguard.policy.TestFacts.clusterArn;
import static dev.neptuneguard.policy.TestFacts.cmk;
import static dev.neptuneguard.policy.TestFacts.only;
import static dev.neptuneguard.policy.TestFacts.snapshot;
import static dev.neptuneguard.policy.TestFacts.snapshotArn;
import static dev.neptuneguard.policy.TestFacts.withRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.neptuneguard.events.Arns;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.KeyRotation;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final EncryptionRules DEFAULTS = new EncryptionRules(Policy.defaults());

    private static EncryptionRules rules(boolean requireCmk, List<String> allowed, Set<String> origins,
                                         boolean rotation) {
        return new EncryptionRules(new Policy(requireCmk, allowed, origins, rotation));
    }

    private static List<Finding> evaluate(EncryptionRules rules, KeyFacts key) {
        return rules.evaluateCluster(cluster("graph-prod", true, key.displayArn()), key, TODAY);
    }

    // --- NEPTUNE_CLUSTER_UNENCRYPTED --------------------------------------------------------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(booleans = false)
    void evaluateCluster_storageNotEncrypted_failsHighWithSnapshotRestoreCommands(Boolean storageEncrypted) {
        List<Finding> findings = DEFAULTS.evaluateCluster(cluster("graph-scratch", storageEncrypted, null), null,
                TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.resourceType()).isEqualTo(ResourceType.CLUSTER);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-scratch"));
        assertThat(f.keyArn()).isNull();
        assertThat(f.account()).isEqualTo(ACCOUNT);
        assertThat(f.region()).isEqualTo(REGION);
        assertThat(f.title()).endsWith(": graph-scratch");
        assertThat(f.detail()).contains("graph-scratch").contains("unencrypted");
        assertThat(f.remediation())
                .contains("aws neptune create-db-cluster-snapshot --db-cluster-identifier graph-scratch"
                        + " --db-cluster-snapshot-identifier graph-scratch-pre-cmk --region us-east-1")
                .contains("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier graph-scratch-cmk"
                        + " --snapshot-identifier graph-scratch-pre-cmk --engine neptune"
                        + " --kms-key-id <your-customer-managed-key-arn> --region us-east-1");
        assertThat(f.actionable()).isTrue();
    }

    @Test
    void evaluateCluster_unencrypted_skipsEveryKeyRule() {
        EncryptionRules strict = rules(true, List.of(CMK_ARN), Set.of("AWS_CLOUDHSM"), true);

        List<Finding> findings = strict.evaluateCluster(cluster("graph-scratch", false, null), null, TODAY);

        assertThat(findings).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder(RuleId.NEPTUNE_CLUSTER_INACCESSIBLE, RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);
    }

    @Test
    void evaluateCluster_unencryptedWithAllowlist_remediationUsesFirstAllowedKey() {
        EncryptionRules allowlisted = rules(true, List.of(HSM_ARN, CMK_ARN), Set.of(), false);

        Finding f = only(allowlisted.evaluateCluster(cluster("graph-scratch", false, null), null, TODAY),
                RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);

        assertThat(f.remediation()).contains("--snapshot-identifier graph-scratch-pre-cmk --engine neptune"
                + " --kms-key-id " + HSM_ARN + " --region us-east-1");
    }

    @Test
    void evaluateCluster_encrypted_passesUnencryptedRule() {
        Finding f = only(evaluate(DEFAULTS, cmk().build()), RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
        assertThat(f.remediation()).isEmpty();
    }

    // --- NEPTUNE_CLUSTER_AWS_MANAGED_KEY ----------------------------------------------------------------------

    @Test
    void evaluateCluster_awsManagedKey_failsMediumWithSnapshotRestoreCommands() {
        List<Finding> findings = DEFAULTS.evaluateCluster(cluster("graph-analytics", true, AWS_RDS_ARN),
                awsRds().build(), TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-analytics"));
        assertThat(f.keyArn()).isEqualTo(AWS_RDS_ARN);
        assertThat(f.keyState()).isEqualTo("Enabled");
        assertThat(f.detail()).contains("AWS managed key " + AWS_RDS_ARN + " (alias/aws/rds)");
        assertThat(f.remediation())
                .contains("aws neptune create-db-cluster-snapshot --db-cluster-identifier graph-analytics"
                        + " --db-cluster-snapshot-identifier graph-analytics-pre-cmk --region us-east-1")
                .contains("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier graph-analytics-cmk"
                        + " --snapshot-identifier graph-analytics-pre-cmk --engine neptune");
    }

    @Test
    void evaluateCluster_awsManagedKeyAllowedByPolicy_hasNoAwsManagedResult() {
        List<Finding> findings = evaluate(rules(false, List.of(), Set.of(), false), awsRds().build());

        assertThat(withRule(findings, RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY)).isEmpty();
        assertThat(findings).allMatch(f -> f.status() == ComplianceStatus.PASSED);
    }

    @Test
    void evaluateCluster_customerManagedKey_passesAwsManagedRule() {
        Finding f = only(evaluate(DEFAULTS, cmk().build()), RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.detail()).contains("customer managed key " + CMK_ARN + " (" + CMK_ALIAS + ")");
    }

    @Test
    void evaluateCluster_awsManagedKeyWithCustomerLikeAlias_isDecidedByKeyManagerNotAlias() {
        KeyFacts misleading = awsRds().aliases("alias/neptune-prod-cmk").build();

        Finding f = only(evaluate(DEFAULTS, misleading), RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
    }

    // --- NEPTUNE_CLUSTER_KEY_NOT_ALLOWED / NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED -------------------------------------

    static Stream<Arguments> allowlistCases() {
        KeyFacts prod = cmk().build();
        return Stream.of(
                arguments("key ARN listed", CMK_ARN, prod, ComplianceStatus.PASSED),
                arguments("other key ARN listed", OTHER_ARN, prod, ComplianceStatus.FAILED),
                arguments("key id listed", CMK_ID, prod, ComplianceStatus.PASSED),
                arguments("key id listed in upper case", CMK_ID.toUpperCase(), prod, ComplianceStatus.PASSED),
                arguments("other key id listed", "9999ffff-99ff-99ff-99ff-999999999999", prod,
                        ComplianceStatus.FAILED),
                arguments("alias name listed", CMK_ALIAS, prod, ComplianceStatus.PASSED),
                arguments("other alias name listed", "alias/neptune-legacy", prod, ComplianceStatus.FAILED),
                arguments("alias ARN listed", "arn:aws:kms:us-east-1:111122223333:" + CMK_ALIAS, prod,
                        ComplianceStatus.PASSED),
                arguments("alias ARN of another alias", "arn:aws:kms:us-east-1:111122223333:alias/neptune-legacy",
                        prod, ComplianceStatus.FAILED),
                arguments("same alias name in another account", "arn:aws:kms:us-east-1:444455556666:" + CMK_ALIAS,
                        prod, ComplianceStatus.FAILED),
                arguments("same alias name in another region", "arn:aws:kms:eu-west-1:111122223333:" + CMK_ALIAS,
                        prod, ComplianceStatus.FAILED),
                arguments("key ARN in another region with the same id",
                        "arn:aws:kms:eu-west-1:111122223333:key/" + CMK_ID, prod, ComplianceStatus.FAILED),
                arguments("AWS managed key, CMK listed", CMK_ARN, awsRds().build(), ComplianceStatus.FAILED),
                arguments("AWS managed key, its alias listed", "alias/aws/rds", awsRds().build(),
                        ComplianceStatus.PASSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowlistCases")
    void evaluateCluster_allowlist_matchesKeyArnIdAndAliases(String scenario, String entry, KeyFacts key,
                                                             ComplianceStatus expected) {
        List<Finding> findings = evaluate(rules(true, List.of(entry), Set.of(), false), key);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED);
        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-prod"));
        assertThat(f.keyArn()).isEqualTo(key.arn());
        if (expected == ComplianceStatus.FAILED) {
            assertThat(f.detail()).contains("not on the allowed key list (" + entry + ")");
            assertThat(f.remediation()).contains("--kms-key-id " + entry);
        } else {
            assertThat(f.remediation()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowlistCases")
    void evaluateSnapshot_allowlist_matchesKeyArnIdAndAliases(String scenario, String entry, KeyFacts key,
                                                              ComplianceStatus expected) {
        EncryptionRules allowlisted = rules(true, List.of(entry), Set.of(), false);

        List<Finding> findings = allowlisted.evaluateSnapshot(snapshot("graph-prod-snap", true, key.arn()), key,
                TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED);
        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.resourceType()).isEqualTo(ResourceType.SNAPSHOT);
        assertThat(f.resourceArn()).isEqualTo(snapshotArn("graph-prod-snap"));
        assertThat(f.keyArn()).isEqualTo(key.arn());
    }

    @Test
    void evaluateCluster_noAllowlist_hasNoAllowlistResult() {
        assertThat(withRule(evaluate(DEFAULTS, cmk().build()), RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED)).isEmpty();
    }

    @Test
    void evaluateCluster_allowlistOfSeveralKeys_passesWhenAnyMatches() {
        Finding f = only(evaluate(rules(true, List.of(HSM_ARN, "alias/neptune-prod"), Set.of(), false),
                cmk().build()), RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluateCluster_unverifiableKeyListedByArn_passesAllowlistFromTheArnAlone() {
        KeyFacts denied = KeyFacts.unverifiable(CMK_ARN, "AccessDeniedException: not authorized");

        Finding f = only(evaluate(rules(true, List.of(CMK_ARN), Set.of(), false), denied),
                RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluateCluster_unverifiableKeyNotListed_failsAllowlist() {
        KeyFacts denied = KeyFacts.unverifiable(OTHER_ARN, "AccessDeniedException: not authorized");

        Finding f = only(evaluate(rules(true, List.of(CMK_ARN), Set.of(), false), denied),
                RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.keyArn()).isEqualTo(OTHER_ARN);
    }

    @Test
    void evaluateCluster_unverifiableKeyAgainstAliasAllowlist_leavesTheVerdictToUnverifiable() {
        KeyFacts denied = KeyFacts.unverifiable(OTHER_ARN, "AccessDeniedException: not authorized");

        List<Finding> findings = evaluate(rules(true, List.of(CMK_ALIAS), Set.of(), false), denied);

        assertThat(withRule(findings, RuleId.NEPTUNE_CLUSTER_KEY_NOT_ALLOWED)).isEmpty();
        assertThat(only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE).status())
                .isEqualTo(ComplianceStatus.FAILED);
    }

    // --- NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY --------------------------------------------------------------

    @ParameterizedTest(name = "origin {0} against {1} -> {2}")
    @CsvSource({
        "AWS_KMS,            AWS_CLOUDHSM,                               FAILED",
        "AWS_CLOUDHSM,       AWS_CLOUDHSM,                               PASSED",
        "EXTERNAL,           AWS_CLOUDHSM,                               FAILED",
        "EXTERNAL_KEY_STORE, AWS_CLOUDHSM,                               FAILED",
        "AWS_KMS,            AWS_CLOUDHSM EXTERNAL_KEY_STORE EXTERNAL,   FAILED",
        "EXTERNAL,           AWS_CLOUDHSM EXTERNAL_KEY_STORE EXTERNAL,   PASSED",
        "AWS_CLOUDHSM,       AWS_CLOUDHSM EXTERNAL_KEY_STORE EXTERNAL,   PASSED",
        "EXTERNAL_KEY_STORE, AWS_CLOUDHSM EXTERNAL_KEY_STORE EXTERNAL,   PASSED",
        "AWS_CLOUDHSM,       EXTERNAL_KEY_STORE,                         FAILED",
        "EXTERNAL_KEY_STORE, EXTERNAL_KEY_STORE,                         PASSED",
        "AWS_KMS,            AWS_KMS,                                    PASSED",
        "EXTERNAL,           AWS_KMS,                                    FAILED",
    })
    void evaluateCluster_requiredOrigins_comparesKeyOrigin(String origin, String required,
                                                           ComplianceStatus expected) {
        Set<String> origins = Set.of(required.split(" "));
        KeyFacts key = cmk().origin(origin).rotation(KeyRotation.NOT_SUPPORTED).build();

        Finding f = only(evaluate(rules(true, List.of(), origins, false), key),
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY);

        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-prod"));
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
        if (expected == ComplianceStatus.FAILED) {
            assertThat(f.detail()).contains("with origin " + origin + "; policy requires");
            assertThat(f.remediation()).contains("Move to a key with origin")
                    .contains("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier graph-prod-cmk");
        }
    }

    @Test
    void evaluateCluster_awsManagedKeyAgainstHsmPolicy_failsOrigin() {
        Finding f = only(evaluate(rules(true, List.of(), Set.of("AWS_CLOUDHSM"), false), awsRds().build()),
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.keyArn()).isEqualTo(AWS_RDS_ARN);
    }

    @Test
    void evaluateCluster_keyOriginUnknown_failsOriginInsteadOfCrashing() {
        KeyFacts key = cmk().origin(null).build();

        Finding f = only(evaluate(rules(true, List.of(), Set.of("AWS_CLOUDHSM"), false), key),
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.detail()).contains("with origin unknown;");
    }

    @Test
    void evaluateCluster_noRequiredOrigins_hasNoOriginResult() {
        assertThat(withRule(evaluate(DEFAULTS, cmk().origin("EXTERNAL").build()),
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY)).isEmpty();
    }

    @Test
    void evaluateSnapshot_requiredOrigins_hasNoOriginRule() {
        EncryptionRules hsmOnly = rules(true, List.of(), Set.of("AWS_CLOUDHSM"), true);

        List<Finding> findings = hsmOnly.evaluateSnapshot(snapshot("graph-prod-snap", true, CMK_ARN), cmk().build(),
                TODAY);

        assertThat(findings).extracting(Finding::ruleId).doesNotContain(
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY, RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);
        assertThat(findings).allMatch(f -> f.status() == ComplianceStatus.PASSED);
    }

    // --- NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED ----------------------------------------------------------------

    @ParameterizedTest(name = "{0} key with rotation {1} -> {2}")
    @CsvSource({
        "CUSTOMER, ENABLED,       PASSED",
        "CUSTOMER, DISABLED,      FAILED",
        "CUSTOMER, NOT_SUPPORTED, NOT_APPLICABLE",
        "CUSTOMER, UNKNOWN,       FAILED",
        "CUSTOMER, UNREADABLE,    FAILED",
        "AWS,      ENABLED,       PASSED",
        "AWS,      DISABLED,      PASSED",
        "AWS,      UNKNOWN,       PASSED",
    })
    void evaluateCluster_rotationRequired_judgesRotation(String manager, KeyRotation rotation,
                                                         ComplianceStatus expected) {
        KeyFacts key = cmk().manager(manager).rotation(rotation).build();

        Finding f = only(evaluate(rules(false, List.of(), Set.of(), true), key),
                RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);

        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-prod"));
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
    }

    @Test
    void evaluateCluster_rotationOff_remediationEnablesRotationOnThisKey() {
        Finding f = only(evaluate(rules(true, List.of(), Set.of(), true), cmk().rotation(KeyRotation.DISABLED).build()),
                RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);

        assertThat(f.detail()).contains("automatic rotation is off");
        assertThat(f.remediation()).contains("aws kms enable-key-rotation --key-id " + CMK_ARN + " --region us-east-1");
    }

    @Test
    void evaluateCluster_rotationNotSupported_saysWhyInsteadOfFailing() {
        KeyFacts imported = cmk().origin("EXTERNAL").rotation(KeyRotation.NOT_SUPPORTED).build();

        Finding f = only(evaluate(rules(true, List.of(), Set.of(), true), imported),
                RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);

        assertThat(f.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        assertThat(f.detail()).contains("origin EXTERNAL").contains("cannot rotate automatically");
        assertThat(f.actionable()).isFalse();
    }

    @Test
    void evaluateCluster_rotationUnknown_failsLowSayingItCouldNotBeRead() {
        Finding f = only(evaluate(rules(true, List.of(), Set.of(), true), cmk().rotation(KeyRotation.UNKNOWN).build()),
                RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);

        assertThat(f.status()).as("a required control that cannot be read never passes")
                .isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.detail()).contains("Cannot verify the automatic rotation").contains("was not read");
        assertThat(f.remediation()).contains("kms:GetKeyRotationStatus");
    }

    @Test
    void evaluateCluster_rotationNotRequired_hasNoRotationResult() {
        assertThat(withRule(evaluate(DEFAULTS, cmk().rotation(KeyRotation.DISABLED).build()),
                RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED)).isEmpty();
    }

    // --- NEPTUNE_CLUSTER_KEY_UNUSABLE / NEPTUNE_SNAPSHOT_KEY_UNUSABLE -------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}, remediation has ''{2}''")
    @CsvSource({
        "Enabled,                PASSED, ''",
        // Creating and Updating are transient states of a key that exists and is not revoked: not a loss of access.
        "Creating,               PASSED, ''",
        "Updating,               PASSED, ''",
        "Disabled,               FAILED, aws kms enable-key --key-id " + CMK_ARN,
        "PendingDeletion,        FAILED, aws kms cancel-key-deletion --key-id " + CMK_ARN,
        "PendingReplicaDeletion, FAILED, aws kms cancel-key-deletion --key-id " + CMK_ARN,
        "PendingImport,          FAILED, aws kms import-key-material --key-id " + CMK_ARN,
        "Unavailable,            FAILED, aws kms connect-custom-key-store --custom-key-store-id cks-1234567890abcdef0",
    })
    void evaluateCluster_keyState_failsCriticalWhenUnusable(String state, ComplianceStatus expected,
                                                           String remediation) {
        KeyFacts key = cmk().state(state).store("cks-1234567890abcdef0").build();

        Finding f = only(evaluate(DEFAULTS, key), RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);

        assertThat(f.status()).isEqualTo(expected);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-prod"));
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
        assertThat(f.keyState()).isEqualTo(state);
        assertThat(f.remediation()).contains(remediation);
        if (expected == ComplianceStatus.FAILED) {
            assertThat(f.detail()).contains("which is " + state).contains("inaccessible-encryption-credentials");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Disabled", "PendingDeletion", "PendingReplicaDeletion", "PendingImport", "Unavailable"})
    void evaluateSnapshot_unusableKeyState_failsHigh(String state) {
        List<Finding> findings = DEFAULTS.evaluateSnapshot(snapshot("graph-prod-snap", true, CMK_ARN),
                cmk().state(state).build(), TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.resourceArn()).isEqualTo(snapshotArn("graph-prod-snap"));
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
        assertThat(f.detail()).contains("cannot be restored");
    }

    @Test
    void evaluateCluster_keyPendingDeletion_carriesTheDeletionDate() {
        Instant when = Instant.parse("2026-11-30T17:10:02Z");

        Finding f = only(evaluate(DEFAULTS, cmk().state("PendingDeletion").deletionDate(when).build()),
                RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);

        assertThat(f.deletionDate()).isEqualTo(when);
        assertThat(f.detail()).contains("It will be deleted on 2026-11-30T17:10:02Z.");
    }

    @Test
    void evaluateCluster_deletionDateBeforeToday_saysItWasDueNotThatItWillBe() {
        Instant past = TODAY.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();

        Finding f = only(evaluate(DEFAULTS, cmk().state("PendingDeletion").deletionDate(past).build()),
                RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);

        assertThat(f.detail()).contains("Its deletion was due on " + past + ": the key is probably deleted by now")
                .doesNotContain("It will be deleted on");
    }

    @Test
    void evaluateCluster_keyStateMissing_cannotVerifyNeverUnusable() {
        List<Finding> findings = evaluate(DEFAULTS, cmk().state(null).build());

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.detail()).contains("the DescribeKey answer has no KeyState");
        assertThat(findings).extracting(Finding::ruleId).doesNotContain(RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);
    }

    // --- key evidence: only KMS's NotFound for a well-formed key is "deleted" ------------------------------------

    @Test
    void evaluateCluster_keyNotFound_unusableCriticalAndSaysTheClusterStillLooksHealthy() {
        KeyFacts gone = KeyFacts.refused(CMK_ARN, "NotFoundException", "Key '" + CMK_ARN + "' does not exist");

        List<Finding> findings = evaluate(DEFAULTS, gone);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("KMS reports as not found").contains("the key was deleted")
                .contains("Yet the cluster reads status available").contains("stale export");
        assertThat(f.remediation()).contains("aws kms describe-key --key-id " + CMK_ARN)
                .contains("restore its latest snapshot that is on another key");
        assertThat(only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE).status())
                .isEqualTo(ComplianceStatus.PASSED);
    }

    @Test
    void evaluateSnapshot_keyNotFound_unusableHigh() {
        KeyFacts gone = KeyFacts.refused(CMK_ARN, "NotFoundException", "Key '" + CMK_ARN + "' does not exist");

        Finding f = only(DEFAULTS.evaluateSnapshot(snapshot("graph-prod-snap", true, CMK_ARN), gone, TODAY),
                RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.remediation()).contains("delete-db-cluster-snapshot");
    }

    static Stream<Arguments> keysThatCannotBeVerified() {
        String foreign = "arn:aws:kms:us-east-1:999988887777:key/2222cccc-22cc-22cc-22cc-222222222222";
        return Stream.of(
                arguments("access denied", KeyFacts.refused(CMK_ARN, "AccessDeniedException", "not authorized"),
                        "kms:DescribeKey on " + CMK_ARN),
                arguments("another account's key", KeyFacts.refused(foreign, "AccessDeniedException", "denied"),
                        "the key belongs to account 999988887777: export from that account"),
                arguments("not in the export", KeyFacts.notInData(CMK_ARN, "no describe-key output"),
                        "add the output of 'aws kms describe-key --key-id " + CMK_ARN + "'"),
                arguments("NotFound for an alias", KeyFacts.refused("alias/gone", "NotFoundException", "no alias"),
                        "kms:DescribeKey on alias/gone"),
                arguments("NotFound for a malformed id", KeyFacts.refused("default_kms_key_id", "NotFoundException",
                        "Invalid keyId"), "kms:DescribeKey on default_kms_key_id"),
                arguments("throttled", KeyFacts.refused(CMK_ARN, "ThrottlingException", "Rate exceeded"),
                        "kms:DescribeKey on " + CMK_ARN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysThatCannotBeVerified")
    void evaluateCluster_keyCannotBeVerified_lowNeverDeletedNeverDestructive(String scenario, KeyFacts key,
                                                                            String fix) {
        List<Finding> findings = evaluate(DEFAULTS, key);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.detail()).contains("nothing shows that the key was deleted");
        assertThat(f.remediation()).containsIgnoringCase(fix);
        assertThat(findings).extracting(Finding::ruleId).doesNotContain(RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE);
        assertThat(findings).allSatisfy(any -> assertThat(any.remediation()).doesNotContain("delete"));
    }

    @Test
    void evaluateCluster_unencrypted_echoesNoKmsKeyId() {
        ClusterFacts c = cluster("graph-scratch", false, CMK_ARN);

        Finding f = only(DEFAULTS.evaluateCluster(c, null, TODAY), RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);

        assertThat(f.keyArn()).isNull();
    }

    // --- NEPTUNE_CLUSTER_INACCESSIBLE -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"inaccessible-encryption-credentials", "inaccessible-encryption-credentials-recoverable"})
    void evaluateCluster_inaccessibleStatus_failsCritical(String status) {
        KeyFacts key = cmk().state("Disabled").build();
        ClusterFacts c = cluster("graph-legacy", true, CMK_ARN, status, Map.of());

        Finding f = only(DEFAULTS.evaluateCluster(c, key, TODAY), RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-legacy"));
        assertThat(f.keyArn()).isEqualTo(CMK_ARN);
        assertThat(f.detail()).contains("status " + status);
    }

    @Test
    void evaluateCluster_recoverable_remediationStartsTheCluster() {
        ClusterFacts c = cluster("graph-legacy", true, CMK_ARN, "inaccessible-encryption-credentials-recoverable",
                Map.of());

        Finding f = only(DEFAULTS.evaluateCluster(c, cmk().state("Disabled").build(), TODAY),
                RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);

        assertThat(f.remediation())
                .contains("aws kms enable-key --key-id " + CMK_ARN)
                .contains("aws neptune start-db-cluster --db-cluster-identifier graph-legacy --region us-east-1");
    }

    @Test
    void evaluateCluster_terminalInaccessible_remediationRestoresFromBackup() {
        ClusterFacts c = cluster("graph-legacy", true, CMK_ARN, "inaccessible-encryption-credentials", Map.of());

        Finding f = only(DEFAULTS.evaluateCluster(c, cmk().state("Disabled").build(), TODAY),
                RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);

        assertThat(f.remediation())
                .contains("terminal state")
                .contains("restore-db-cluster-from-snapshot")
                .contains("--source-db-cluster-identifier graph-legacy")
                .doesNotContain("start-db-cluster");
    }

    @ParameterizedTest
    @ValueSource(strings = {"available", "creating", "stopped"})
    void evaluateCluster_otherStatus_passesInaccessible(String status) {
        ClusterFacts c = cluster("graph-prod", true, CMK_ARN, status, Map.of());

        Finding f = only(DEFAULTS.evaluateCluster(c, cmk().build(), TODAY), RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.detail()).contains("status " + status);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void evaluateCluster_statusMissing_inaccessibleNotApplicableNotPassed(String status) {
        ClusterFacts c = cluster("graph-legacy", true, CMK_ARN, status, Map.of());

        List<Finding> findings = DEFAULTS.evaluateCluster(c, cmk().state("Disabled").build(), TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_INACCESSIBLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.NOT_APPLICABLE);
        assertThat(f.detail()).contains("status of cluster graph-legacy is unknown");
        assertThat(only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE).status()).isEqualTo(ComplianceStatus.FAILED);
    }

    // --- NEPTUNE_CLUSTER_KEY_UNVERIFIABLE / NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE -----------------------------------

    static Stream<Arguments> unverifiableKeys() {
        return Stream.of(
                arguments("access denied", KeyFacts.unverifiable(CMK_ARN,
                        "AccessDeniedException: User is not authorized to perform kms:DescribeKey"), CMK_ARN,
                        "AccessDeniedException"),
                arguments("other account", KeyFacts.unverifiable(
                        "arn:aws:kms:us-east-1:444455556666:key/2222cccc-22cc-22cc-22cc-222222222222",
                        "AccessDeniedException: cross-account key"),
                        "arn:aws:kms:us-east-1:444455556666:key/2222cccc-22cc-22cc-22cc-222222222222",
                        "cross-account"),
                arguments("not found", KeyFacts.unverifiable(OTHER_ARN, "NotFoundException: key does not exist"),
                        OTHER_ARN, "NotFoundException"),
                arguments("no key facts at all", null, CMK_ARN, "no key facts were available"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unverifiableKeys")
    void evaluateCluster_unverifiableKey_failsLowAndPassesNoKeyRule(String scenario, KeyFacts key, String keyArn,
                                                                   String error) {
        EncryptionRules everything = rules(true, List.of(), Set.of("AWS_CLOUDHSM"), true);

        List<Finding> findings = everything.evaluateCluster(cluster("graph-prod", true, keyArn), key, TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-prod"));
        assertThat(f.keyArn()).isEqualTo(keyArn);
        assertThat(f.detail()).contains("Cannot verify the key " + keyArn).contains(error)
                .contains("not counted as compliant");
        assertThat(f.remediation()).containsAnyOf("kms:DescribeKey on " + keyArn,
                "belongs to account " + Arns.account(keyArn));
        assertThat(f.actionable()).isTrue();
        assertThat(findings).extracting(Finding::ruleId).doesNotContain(
                RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY, RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE,
                RuleId.NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY, RuleId.NEPTUNE_CLUSTER_KEY_ROTATION_DISABLED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unverifiableKeys")
    void evaluateSnapshot_unverifiableKey_failsLowAndPassesNoKeyRule(String scenario, KeyFacts key, String keyArn,
                                                                    String error) {
        List<Finding> findings = DEFAULTS.evaluateSnapshot(snapshot("graph-prod-snap", true, keyArn), key, TODAY);

        Finding f = only(findings, RuleId.NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE);
        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.resourceArn()).isEqualTo(snapshotArn("graph-prod-snap"));
        assertThat(f.keyArn()).isEqualTo(keyArn);
        assertThat(f.detail()).contains(error);
        assertThat(findings).extracting(Finding::ruleId).doesNotContain(
                RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE);
    }

    @Test
    void evaluateCluster_describedKey_passesUnverifiable() {
        Finding f = only(evaluate(DEFAULTS, cmk().build()), RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);

        assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
        assertThat(f.detail()).isEqualTo("Key " + CMK_ARN + " was described.");
    }

    // --- snapshots: the same rules, their own ids and severities ---------------------------------------------

    static Stream<Arguments> failingSnapshots() {
        return Stream.of(
                arguments(RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED, Severity.HIGH,
                        DEFAULTS.evaluateSnapshot(snapshot("graph-scratch-snap", false, null), null, TODAY), null),
                arguments(RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, Severity.MEDIUM,
                        DEFAULTS.evaluateSnapshot(snapshot("graph-scratch-snap", true, AWS_RDS_ARN),
                                awsRds().build(), TODAY), AWS_RDS_ARN),
                arguments(RuleId.NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED, Severity.MEDIUM,
                        rules(true, List.of(HSM_ARN), Set.of(), false).evaluateSnapshot(
                                snapshot("graph-scratch-snap", true, CMK_ARN), cmk().build(), TODAY), CMK_ARN),
                arguments(RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE, Severity.HIGH,
                        DEFAULTS.evaluateSnapshot(snapshot("graph-scratch-snap", true, CMK_ARN),
                                cmk().state("PendingDeletion").build(), TODAY), CMK_ARN),
                arguments(RuleId.NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE, Severity.LOW,
                        DEFAULTS.evaluateSnapshot(snapshot("graph-scratch-snap", true, CMK_ARN),
                                KeyFacts.unverifiable(CMK_ARN, "AccessDeniedException: no"), TODAY), CMK_ARN));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("failingSnapshots")
    void evaluateSnapshot_failingRule_hasSnapshotIdAndSeverity(RuleId rule, Severity severity, List<Finding> findings,
                                                               String keyArn) {
        Finding f = only(findings, rule);

        assertThat(f.status()).isEqualTo(ComplianceStatus.FAILED);
        assertThat(f.severity()).isEqualTo(severity).isEqualTo(rule.defaultSeverity());
        assertThat(f.resourceType()).isEqualTo(ResourceType.SNAPSHOT);
        assertThat(f.resourceArn()).isEqualTo(snapshotArn("graph-scratch-snap"));
        assertThat(f.resourceName()).isEqualTo("graph-scratch-snap");
        assertThat(f.keyArn()).isEqualTo(keyArn);
        assertThat(findings).extracting(Finding::ruleId)
                .allMatch(id -> id.resourceType() == ResourceType.SNAPSHOT);
    }

    @Test
    void evaluateSnapshot_unencrypted_remediationRestoresWithAKey() {
        Finding f = only(DEFAULTS.evaluateSnapshot(snapshot("graph-scratch-snap", false, null), null, TODAY),
                RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED);

        assertThat(f.remediation())
                .contains("aws neptune restore-db-cluster-from-snapshot"
                        + " --db-cluster-identifier graph-scratch-snap-restore"
                        + " --snapshot-identifier graph-scratch-snap --engine neptune")
                .contains("aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier graph-scratch-snap");
    }

    @Test
    void evaluateSnapshot_awsManagedKey_remediationCopiesWithACustomerKey() {
        Finding f = only(DEFAULTS.evaluateSnapshot(snapshot("graph-analytics-snap", true, AWS_RDS_ARN),
                awsRds().build(), TODAY), RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY);

        assertThat(f.remediation()).contains("aws neptune copy-db-cluster-snapshot"
                + " --source-db-cluster-snapshot-identifier graph-analytics-snap"
                + " --target-db-cluster-snapshot-identifier graph-analytics-snap-cmk");
    }

    // --- compliant resources yield PASSED results --------------------------------------------------------------

    @Test
    void evaluateCluster_compliantUnderStrictPolicy_passesEveryClusterRule() {
        EncryptionRules strict = rules(true, List.of(HSM_ARN), Set.of("AWS_CLOUDHSM"), true);
        KeyFacts hsm = new TestFacts.KeyBuilder(HSM_ARN, "7777aaaa-77aa-77aa-77aa-777777777777")
                .origin("AWS_CLOUDHSM").rotation(KeyRotation.ENABLED).aliases("alias/neptune-hsm").build();

        List<Finding> findings = strict.evaluateCluster(cluster("graph-hsm", true, HSM_ARN), hsm, TODAY);

        Set<RuleId> clusterRules = EnumSet.range(RuleId.NEPTUNE_CLUSTER_UNENCRYPTED,
                RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE);
        assertThat(findings).extracting(Finding::ruleId).containsExactlyInAnyOrderElementsOf(clusterRules);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(ComplianceStatus.PASSED);
            assertThat(f.resourceArn()).isEqualTo(clusterArn("graph-hsm"));
            assertThat(f.keyArn()).isEqualTo(HSM_ARN);
            assertThat(f.actionable()).isFalse();
        });
    }

    @Test
    void evaluateSnapshot_compliant_passesEverySnapshotRule() {
        EncryptionRules allowlisted = rules(true, List.of(CMK_ALIAS), Set.of(), false);

        List<Finding> findings = allowlisted.evaluateSnapshot(snapshot("graph-prod-snap", true, CMK_ARN),
                cmk().build(), TODAY);

        assertThat(findings).extracting(Finding::ruleId).containsExactlyInAnyOrder(
                RuleId.NEPTUNE_SNAPSHOT_UNENCRYPTED, RuleId.NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE,
                RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, RuleId.NEPTUNE_SNAPSHOT_KEY_NOT_ALLOWED,
                RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE);
        assertThat(findings).allMatch(f -> f.status() == ComplianceStatus.PASSED && CMK_ARN.equals(f.keyArn()));
    }

    @ParameterizedTest
    @EnumSource(value = KeyRotation.class)
    void evaluateCluster_anyKey_reportsEachRuleAtMostOnce(KeyRotation rotation) {
        EncryptionRules strict = rules(true, List.of(CMK_ALIAS), Set.of("AWS_KMS"), true);

        List<Finding> findings = evaluate(strict, cmk().rotation(rotation).state("Disabled").build());

        assertThat(findings).extracting(Finding::ruleId).doesNotHaveDuplicates();
    }

    @Test
    void evaluateCluster_factsFromEvent_detailSaysSo() {
        ClusterFacts fromEvent = new ClusterFacts(clusterArn("graph-new"), "graph-new", null, ACCOUNT, REGION,
                "neptune", "creating", false, null, false, Map.of(), false, FactSource.EVENT);

        Finding f = only(DEFAULTS.evaluateCluster(fromEvent, null, TODAY), RuleId.NEPTUNE_CLUSTER_UNENCRYPTED);

        assertThat(f.detail()).contains("Evaluated from the CloudTrail event's response");
    }
}
