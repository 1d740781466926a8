package dev.neptuneguard.remediation;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.ComplianceStatus;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.Finding;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks before a re-encryption, each refused with its reason: the target key is described, enabled (not
 * disabled, not pending deletion or import), customer managed, symmetric for encryption, in the resource's region,
 * usable by RDS according to its key policy ({@link dev.neptuneguard.revocation.KeyPolicyAnalysis}), and passes the
 * guard's own policy ({@link EncryptionRules} on the cluster as it would be: never migrate onto a key the guard
 * would flag); the cluster is available, a Neptune cluster, not a global database member and not already on the key.
 * Pure: the facts were read before.
 */
public final class Preconditions {

    private static final Set<RuleId> COVERED = Set.of(RuleId.NEPTUNE_CLUSTER_AWS_MANAGED_KEY,
            RuleId.NEPTUNE_CLUSTER_KEY_UNUSABLE, RuleId.NEPTUNE_CLUSTER_KEY_UNVERIFIABLE,
            RuleId.NEPTUNE_SNAPSHOT_AWS_MANAGED_KEY, RuleId.NEPTUNE_SNAPSHOT_KEY_UNUSABLE,
            RuleId.NEPTUNE_SNAPSHOT_KEY_UNVERIFIABLE);

    private Preconditions() {
    }

    /** The refusals for moving {@code cluster} onto {@code key}; empty when the plan may run. */
    public static List<Refusal> forCluster(ClusterConfiguration cluster, TargetKey key, EncryptionRules rules,
                                           LocalDate today) {
        List<Refusal> out = new ArrayList<>();
        if (cluster.engine() != null && !"neptune".equalsIgnoreCase(cluster.engine())) {
            out.add(new Refusal("engine", "Cluster " + cluster.identifier() + " runs " + cluster.engine()
                    + ", not Neptune."));
        }
        if (!"available".equals(cluster.status())) {
            out.add(new Refusal("cluster-available", "Cluster " + cluster.identifier() + " is "
                    + (cluster.status() == null ? "in an unknown status" : cluster.status())
                    + ", not available: wait until it is available, then plan again."));
        }
        if (cluster.globalClusterIdentifier() != null) {
            out.add(new Refusal("global-database", "Cluster " + cluster.identifier() + " is a member of the global "
                    + "database " + cluster.globalClusterIdentifier() + ": a restored cluster cannot rejoin it, so "
                    + "re-encrypting it means rebuilding the global database; the tool does not do that."));
        }
        out.addAll(keyChecks(key, cluster.region(), cluster.account(), "cluster " + cluster.identifier()));
        KeyFacts facts = key.facts();
        if (facts.verifiable() && cluster.storageEncrypted() && facts.arn() != null
                && (facts.arn().equals(cluster.kmsKeyId()) || facts.keyId() != null
                && facts.keyId().equals(cluster.kmsKeyId()))) {
            out.add(new Refusal("already-on-key", "Cluster " + cluster.identifier() + " is already encrypted with "
                    + facts.arn() + ": nothing to re-encrypt."));
        }
        if (facts.verifiable()) {
            ClusterFacts after = new ClusterFacts(cluster.arn(), cluster.identifier(), null, cluster.account(),
                    cluster.region(), "neptune", "available", true, key.kmsKeyId(), cluster.deletionProtection(),
                    Map.of(), true, FactSource.LIVE);
            out.addAll(policy(rules.evaluateCluster(after, facts, today)));
        }
        return out;
    }

    /** The refusals for copying (or restoring and snapshotting) {@code snapshot} onto {@code key}. */
    public static List<Refusal> forSnapshot(SnapshotFacts snapshot, TargetKey key, EncryptionRules rules,
                                            LocalDate today) {
        List<Refusal> out = new ArrayList<>();
        if (!snapshot.isNeptune()) {
            out.add(new Refusal("engine", "Snapshot " + snapshot.identifier() + " is of " + snapshot.engine()
                    + ", not Neptune."));
        }
        if (!"available".equals(snapshot.status())) {
            out.add(new Refusal("snapshot-available", "Snapshot " + snapshot.identifier() + " is "
                    + (snapshot.status() == null ? "in an unknown status" : snapshot.status()) + ", not available."));
        }
        out.addAll(keyChecks(key, snapshot.region(), snapshot.account(), "snapshot " + snapshot.identifier()));
        if (key.facts().verifiable()) {
            SnapshotFacts after = new SnapshotFacts(snapshot.arn(), snapshot.identifier(),
                    snapshot.clusterIdentifier(), snapshot.account(), snapshot.region(), "neptune", "available",
                    snapshot.snapshotType(), true, key.kmsKeyId(), snapshot.createTime(), Map.of(), true,
                    FactSource.LIVE);
            out.addAll(policy(rules.evaluateSnapshot(after, key.facts(), today)));
        }
        return out;
    }

    private static List<Refusal> keyChecks(TargetKey key, String region, String account, String what) {
        List<Refusal> out = new ArrayList<>();
        KeyFacts k = key.facts();
        if (k.region() != null && region != null && !k.region().equals(region)) {
            out.add(new Refusal("same-region", "Key " + k.displayArn() + " is in " + k.region() + " but " + what
                    + " is in " + region + ": Neptune needs a key in the resource's region (a multi-Region key's "
                    + "replica there will do)."));
            return out;
        }
        if (!k.verifiable()) {
            out.add(new Refusal("key-described", "Cannot describe key " + k.displayArn() + ": " + k.error()
                    + ". Only a key the tool can read is checked and used; " + k.howToVerify(account) + "."));
            return out;
        }
        String name = k.displayArn() + (k.primaryAlias() == null ? "" : " (" + k.primaryAlias() + ")");
        if ("PendingDeletion".equals(k.keyState()) || "PendingReplicaDeletion".equals(k.keyState())) {
            out.add(new Refusal("key-pending-deletion", "Key " + name + " is scheduled for deletion"
                    + (k.deletionDate() == null ? "" : " on " + k.deletionDate())
                    + ": data moved onto it would be lost with it. Pick another key, or cancel the deletion first."));
        } else if (!"Enabled".equals(k.keyState())) {
            out.add(new Refusal("key-enabled", "Key " + name + " is " + k.keyState() + ", not Enabled: RDS cannot "
                    + "encrypt with it."));
        }
        if (k.awsManaged()) {
            out.add(new Refusal("customer-managed", "Key " + name + " is AWS managed (KeyManager AWS): its policy "
                    + "cannot be restricted and its use cannot be revoked. Use a customer managed key."));
        }
        // A SYMMETRIC_DEFAULT key can only encrypt and decrypt, so its spec decides; a usage given must agree.
        if (!"SYMMETRIC_DEFAULT".equals(key.keySpec())
                || key.keyUsage() != null && !"ENCRYPT_DECRYPT".equals(key.keyUsage())) {
            out.add(new Refusal("symmetric", "Key " + name + " is " + key.keySpec() + " for " + key.keyUsage()
                    + ": Neptune encrypts only with symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT)."));
        }
        if (key.policy() == null) {
            out.add(new Refusal("usable-by-rds", "Cannot read the policy of key " + name + " (" + key.policyError()
                    + "), so whether RDS may use the key cannot be checked: allow kms:GetKeyPolicy for the caller."));
        } else if (!key.policy().readable()) {
            out.add(new Refusal("usable-by-rds", "The policy of key " + name + " is not readable JSON, so whether "
                    + "RDS may use the key cannot be checked."));
        } else if (key.policy().blocksNeptune()) {
            out.add(new Refusal("usable-by-rds", "Key " + name + " cannot be used by RDS: " + key.policy().reason()
                    + ". " + key.policy().summary()));
        }
        return out;
    }

    private static List<Refusal> policy(List<Finding> findings) {
        List<Refusal> out = new ArrayList<>();
        for (Finding f : findings) {
            // the key checks above already word what these rules find, each once
            if (f.status() == ComplianceStatus.FAILED && !COVERED.contains(f.ruleId())) {
                out.add(new Refusal("policy", "The guard would flag the result (" + f.ruleId() + "): "
                        + f.detail()));
            }
        }
        return out;
    }
}
