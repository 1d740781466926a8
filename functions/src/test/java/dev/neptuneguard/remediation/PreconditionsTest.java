package dev.neptuneguard.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.policy.EncryptionRules;
import dev.neptuneguard.revocation.KeyPolicyAnalysis;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each precondition refused with its reason, one small case each, on the real provisioned cluster sample; an AWS
 * managed key (which moto cannot make) is the stub's {@code aws/rds} fixture.
 */
class PreconditionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final String ACCOUNT = "644160558196";
    private static final String TARGET = "arn:aws:kms:us-east-1:644160558196:key/5e2a7c1d-3b4f-4a6e-8d9c-0b1a2c3d4e5f";

    private final ClusterConfiguration cluster = Fixtures.cluster("provisioned");

    private List<Refusal> refusals(TargetKey key) {
        return refusals(cluster, key, Policy.defaults());
    }

    private static List<Refusal> refusals(ClusterConfiguration c, TargetKey key, Policy policy) {
        return Preconditions.forCluster(c, key, new EncryptionRules(policy), TODAY);
    }

    private static TargetKey with(KeyFacts facts) {
        TargetKey usable = Fixtures.usable(TARGET, ACCOUNT);
        return new TargetKey(facts, usable.keySpec(), usable.keyUsage(), usable.policy(), null);
    }

    @Test
    void forCluster_usableCustomerKey_noRefusal() {
        assertThat(refusals(Fixtures.usable(TARGET, ACCOUNT))).isEmpty();
    }

    @Test
    void forCluster_awsManagedRdsKey_refusedAsNotCustomerManaged() throws Exception {
        var m = Json.MAPPER.readTree(StubAccount.resource("wire/kms/describe-key-aws-rds.json")).get("KeyMetadata");
        KeyFacts awsRds = Fixtures.key(m.get("Arn").asText(), m.get("KeyManager").asText(),
                m.get("KeyState").asText(), m.get("Origin").asText(), null);

        assertThat(refusals(with(awsRds))).extracting(Refusal::check).containsExactly("customer-managed");
        assertThat(refusals(with(awsRds)).get(0).reason()).contains("is AWS managed (KeyManager AWS)");
    }

    @Test
    void forCluster_disabledKey_refused() {
        assertThat(refusals(with(Fixtures.key(TARGET, "CUSTOMER", "Disabled", "AWS_KMS", null))))
                .containsExactly(new Refusal("key-enabled", "Key " + TARGET + " (alias/graph-data) is Disabled, not "
                        + "Enabled: RDS cannot encrypt with it."));
    }

    @Test
    void forCluster_keyPendingDeletion_refusedWithTheDate() {
        Instant when = Instant.parse("2026-12-13T00:00:00Z");

        List<Refusal> out = refusals(with(Fixtures.key(TARGET, "CUSTOMER", "PendingDeletion", "AWS_KMS", when)));

        assertThat(out).extracting(Refusal::check).containsExactly("key-pending-deletion");
        assertThat(out.get(0).reason()).contains("scheduled for deletion on 2026-12-13T00:00:00Z");
    }

    @Test
    void forCluster_keyInAnotherRegion_refused() {
        String west = TARGET.replace("us-east-1", "eu-west-1");

        assertThat(refusals(with(KeyFacts.unverifiable(west, "the key is in eu-west-1; this check reads us-east-1"))))
                .extracting(Refusal::check).containsExactly("same-region");
    }

    @Test
    void forCluster_asymmetricKey_refused() {
        TargetKey rsa = new TargetKey(Fixtures.key(TARGET, "CUSTOMER", "Enabled", "AWS_KMS", null), "RSA_2048",
                "SIGN_VERIFY", Fixtures.usable(TARGET, ACCOUNT).policy(), null);

        assertThat(refusals(rsa)).extracting(Refusal::reason).containsExactly("Key " + TARGET + " (alias/graph-data) "
                + "is RSA_2048 for SIGN_VERIFY: Neptune encrypts only with symmetric encryption keys "
                + "(SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).");
    }

    @Test
    void forCluster_keyPolicyDeniesRds_refusedWithTheStatement() {
        ObjectNode policy = (ObjectNode) Json.MAPPER.valueToTree(Map.of("Version", "2012-10-17", "Statement", List.of(
                Map.of("Sid", "Root", "Effect", "Allow", "Principal", Map.of("AWS", "arn:aws:iam::" + ACCOUNT
                        + ":root"), "Action", "kms:*", "Resource", "*"),
                Map.of("Sid", "NoRds", "Effect", "Deny", "Principal", "*", "Action", "kms:CreateGrant",
                        "Resource", "*", "Condition", Map.of("StringEquals",
                                Map.of("kms:ViaService", "rds.us-east-1.amazonaws.com"))))));
        TargetKey key = new TargetKey(Fixtures.key(TARGET, "CUSTOMER", "Enabled", "AWS_KMS", null),
                "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", KeyPolicyAnalysis.analyse(policy.toString(), ACCOUNT,
                "us-east-1"), null);

        assertThat(refusals(key)).extracting(Refusal::check).containsExactly("usable-by-rds");
        assertThat(refusals(key).get(0).reason()).contains("statement 'NoRds' denies kms:CreateGrant for calls made "
                + "through RDS");
    }

    @Test
    void forCluster_keyPolicyUnreadable_refusedAsCannotCheck() {
        TargetKey key = new TargetKey(Fixtures.key(TARGET, "CUSTOMER", "Enabled", "AWS_KMS", null),
                "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", null, "AccessDeniedException");

        assertThat(refusals(key)).extracting(Refusal::reason).singleElement().asString()
                .contains("(AccessDeniedException)", "allow kms:GetKeyPolicy");
    }

    @Test
    void forCluster_keyTheGuardWouldFlag_refusedWithTheRule() {
        Policy onlyOther = new Policy(true, List.of("alias/approved-graph-key"), Set.of(), false);
        Policy hsmOnly = new Policy(true, List.of(), Set.of("AWS_CLOUDHSM"), false);

        assertThat(refusals(cluster, Fixtures.usable(TARGET, ACCOUNT), onlyOther)).extracting(Refusal::reason)
                .singleElement().asString().startsWith("The guard would flag the result "
                        + "(NEPTUNE_CLUSTER_KEY_NOT_ALLOWED)");
        assertThat(refusals(cluster, Fixtures.usable(TARGET, ACCOUNT), hsmOnly)).extracting(Refusal::reason)
                .singleElement().asString().contains("NEPTUNE_CLUSTER_KEY_ORIGIN_BELOW_POLICY");
    }

    @Test
    void forCluster_keyNotDescribed_refused() {
        assertThat(refusals(new TargetKey(KeyFacts.refused(TARGET, "AccessDeniedException", "not authorized"),
                null, null, null, null))).extracting(Refusal::check).containsExactly("key-described");
    }

    @Test
    void forCluster_clusterStateAndMembership_refusedAndNamed() {
        ClusterConfiguration c = Fixtures.cluster("provisioned");
        ClusterConfiguration modifying = new ClusterConfiguration(c.identifier(), c.arn(), c.account(), c.region(),
                "modifying", c.engine(), c.engineVersion(), c.storageEncrypted(), c.kmsKeyId(),
                c.clusterParameterGroup(), c.subnetGroup(), c.securityGroupIds(), c.port(),
                c.iamDatabaseAuthentication(), c.logExports(), c.deletionProtection(), c.backupRetentionPeriod(),
                c.preferredBackupWindow(), c.preferredMaintenanceWindow(), c.copyTagsToSnapshot(), null, null,
                c.roles(), c.tags(), "graph-global", null, null, c.instances());

        assertThat(refusals(modifying, Fixtures.usable(TARGET, ACCOUNT), Policy.defaults()))
                .extracting(Refusal::check).containsExactly("cluster-available", "global-database");
        assertThat(refusals(c, Fixtures.usable(c.kmsKeyId(), ACCOUNT), Policy.defaults()))
                .extracting(Refusal::check).containsExactly("already-on-key");
    }

    @Test
    void forSnapshot_otherEngineNotAvailable_refusedBoth() {
        dev.neptuneguard.model.SnapshotFacts aurora = new dev.neptuneguard.model.SnapshotFacts(
                "arn:aws:rds:us-east-1:644160558196:cluster-snapshot:orders-final", "orders-final", "orders",
                ACCOUNT, "us-east-1", "aurora-postgresql", "creating", "manual", false, null, null, Map.of(), true,
                dev.neptuneguard.model.FactSource.LIVE);

        assertThat(Preconditions.forSnapshot(aurora, Fixtures.usable(TARGET, ACCOUNT),
                new EncryptionRules(Policy.defaults()), TODAY)).extracting(Refusal::check)
                .containsExactly("engine", "snapshot-available");
    }
}
