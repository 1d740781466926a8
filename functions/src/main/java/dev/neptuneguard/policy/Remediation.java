package dev.neptuneguard.policy;

import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.Policy;
import dev.neptuneguard.model.ResourceType;

/**
 * Concrete remediation text, with exact AWS CLI commands filled in with the resource's own identifiers, each
 * quoted for the shell ({@link Shell#quote}) so that a hostile name pastes as one literal word.
 * A Neptune cluster's key cannot be changed in place: the fix is always snapshot → restore with a
 * customer managed key → switch clients → delete the old cluster.
 */
final class Remediation {

    private Remediation() {
    }

    /** The key to suggest: the first allowlisted key, else a placeholder the user must fill in. */
    static String targetKey(Policy policy) {
        return policy.allowedKeyArns().isEmpty() ? "<your-customer-managed-key-arn>"
                : Shell.quote(policy.allowedKeyArns().get(0));
    }

    /** {@code " --region R"}, or nothing when the region is unknown. */
    static String regionFlag(String region) {
        return region == null ? "" : " --region " + Shell.quote(region);
    }

    private static String q(String word) {
        return Shell.quote(word);
    }

    static String reencryptCluster(Subject c, Policy policy, String why) {
        String region = regionFlag(c.region());
        String name = q(c.name());
        String snap = q(c.name() + "-pre-cmk");
        String target = q(c.name() + "-cmk");
        return why + " Plan it with what the cluster is (instances, parameter groups, roles, tags, backups): "
                + "neptune-guard reencrypt " + name + " --key " + targetKey(policy) + region
                + " (a dry run; then --execute and --cutover).\n"
                + "By hand: the key of an existing Neptune cluster cannot be changed; re-create it from a snapshot "
                + "with a compliant customer managed key:\n"
                + "1. aws neptune create-db-cluster-snapshot --db-cluster-identifier " + name
                + " --db-cluster-snapshot-identifier " + snap + region + "\n"
                + "2. Wait until the snapshot is available (this prints available):\n"
                + "aws neptune describe-db-cluster-snapshots --db-cluster-snapshot-identifier " + snap + region
                + " --query 'DBClusterSnapshots[0].Status'\n"
                + "3. aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier " + target
                + " --snapshot-identifier " + snap + " --engine neptune --kms-key-id " + targetKey(policy) + region + "\n"
                + "4. aws neptune create-db-instance --db-instance-identifier " + q(c.name() + "-cmk-1")
                + " --db-cluster-identifier " + target + " --db-instance-class <same-class-as-before> --engine neptune"
                + region + "\n"
                + "5. Point clients at the new cluster endpoint, then delete " + c.name()
                + " and snapshots still on the old key.";
    }

    static String reencryptSnapshot(Subject s, Policy policy, String why) {
        String region = regionFlag(s.region());
        String name = q(s.name());
        why = why + " Plan it: neptune-guard reencrypt " + name + " --snapshot --key " + targetKey(policy) + region
                + " (a dry run; then --execute).\nBy hand:";
        if (!s.encrypted()) {
            String restored = q(s.name() + "-restore");
            return why + " An unencrypted snapshot cannot be encrypted by copying; restore it with a key, "
                    + "snapshot the result, then delete the unencrypted one:\n"
                    + "1. aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier " + restored
                    + " --snapshot-identifier " + name + " --engine neptune --kms-key-id " + targetKey(policy)
                    + region + "\n"
                    + "2. aws neptune create-db-cluster-snapshot --db-cluster-identifier " + restored
                    + " --db-cluster-snapshot-identifier " + q(s.name() + "-cmk") + region + "\n"
                    + "3. aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier " + name + region
                    + " (and delete the temporary cluster " + restored + ").";
        }
        return why + " Copy the snapshot with a compliant customer managed key, then delete the original:\n"
                + "1. aws neptune copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier " + name
                + " --target-db-cluster-snapshot-identifier " + q(s.name() + "-cmk") + " --kms-key-id "
                + targetKey(policy) + region + "\n"
                + "2. aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier " + name + region;
    }

    /**
     * A Neptune Analytics graph's key cannot be changed, and {@code RestoreGraphFromSnapshot} takes no key (a restored
     * graph keeps the snapshot's): the way to another key is an export to S3 and a new graph imported with the key.
     */
    static String reencryptGraph(Subject g, Policy policy, String why) {
        String region = regionFlag(g.region());
        return why + " The key of a Neptune Analytics graph cannot be changed, and a graph restored from a snapshot "
                + "keeps the snapshot's key; export the data and import it into a new graph on a compliant customer "
                + "managed key:\n"
                + "1. aws neptune-graph start-export-task --graph-identifier " + q(g.resourceId())
                + " --format PARQUET --destination s3://<bucket>/<prefix>/ --role-arn <export-role-arn>"
                + " --kms-key-identifier " + targetKey(policy) + region + "\n"
                + "2. Wait for the export (aws neptune-graph get-export-task --task-identifier <task-id>" + region
                + " --query status prints SUCCEEDED).\n"
                + "3. aws neptune-graph create-graph-using-import-task --graph-name " + q(g.name() + "-cmk")
                + " --kms-key-identifier " + targetKey(policy)
                + " --source s3://<bucket>/<prefix>/<export-folder>/ --format PARQUET --role-arn <import-role-arn>"
                + region + "\n"
                + "4. Point clients at the new graph, then delete " + g.name() + " and its snapshots on the old key.";
    }

    static String reencryptGraphSnapshot(Subject s, Policy policy, String why) {
        String region = regionFlag(s.region());
        return why + " A graph snapshot cannot be copied to another key. Restore it (aws neptune-graph "
                + "restore-graph-from-snapshot --snapshot-identifier " + q(s.resourceId()) + " --graph-name "
                + q(s.name() + "-tmp") + region + "), move the data to a graph on a customer managed key as for a "
                + "graph (start-export-task, then create-graph-using-import-task --kms-key-identifier "
                + targetKey(policy) + "), snapshot that graph, then delete this snapshot:\n"
                + "aws neptune-graph delete-graph-snapshot --snapshot-identifier " + q(s.resourceId()) + region;
    }

    static String restoreKey(KeyFacts key) {
        String id = q(key.displayArn());
        String region = regionFlag(key.region());
        String store = key.customKeyStoreId() == null ? "<store-id>" : q(key.customKeyStoreId());
        return switch (key.keyState() == null ? "" : key.keyState()) {
            case "PendingDeletion" -> "Cancel the deletion and re-enable the key before the deletion date:\n"
                    + "aws kms cancel-key-deletion --key-id " + id + region + "\n"
                    + "aws kms enable-key --key-id " + id + region;
            case "PendingReplicaDeletion" -> "Cancel the deletion of the multi-Region key (and of its replicas), "
                    + "then re-enable it:\naws kms cancel-key-deletion --key-id " + id + region + "\n"
                    + "aws kms enable-key --key-id " + id + region;
            case "PendingImport" -> "Re-import the key material (aws kms get-parameters-for-import, then "
                    + "aws kms import-key-material --key-id " + id + region + ").";
            case "Unavailable" -> "Reconnect the custom key store " + (key.customKeyStoreId() == null ? ""
                    : key.customKeyStoreId()) + ":\naws kms connect-custom-key-store --custom-key-store-id "
                    + store + region;
            default -> "Re-enable the key:\naws kms enable-key --key-id " + id + region;
        };
    }

    static String recoverInaccessible(Subject c, KeyFacts key, String status) {
        String region = regionFlag(c.region());
        String keyStep = key == null || !key.verifiable() ? "Make the key usable again (enable it, cancel its deletion)."
                : restoreKey(key);
        if ("inaccessible-encryption-credentials-recoverable".equals(status)) {
            return "The cluster can still be recovered. " + keyStep + "\nThen start the cluster:\n"
                    + "aws neptune start-db-cluster --db-cluster-identifier " + q(c.name()) + region;
        }
        return "The cluster is in a terminal state and can only be restored from a backup: restore the latest snapshot "
                + "or point in time on a usable key (aws neptune restore-db-cluster-from-snapshot / "
                + "restore-db-cluster-to-point-in-time --source-db-cluster-identifier " + q(c.name()) + region
                + "). Backups encrypted with the same key need that key enabled first. " + keyStep;
    }

    static String unverifiable(Subject s, KeyFacts key) {
        if (key == null) {
            return "Allow the guard's role kms:DescribeKey on " + s.kmsKeyId() + " (check the key policy; a key in "
                    + "another account must grant it there), or confirm the key with its owner.";
        }
        String how = key.howToVerify(s.account());
        return Character.toUpperCase(how.charAt(0)) + how.substring(1) + ".";
    }

    /** For a key KMS reports as not found: only now is it safe to say the key is gone and what that costs. */
    static String afterKeyDeletion(Subject s, KeyFacts key) {
        String region = s.region() == null ? "" : " --region " + s.region();
        String confirm = "Confirm first: aws kms describe-key --key-id " + key.displayArn() + region
                + " must answer NotFoundException.";
        if (s.type() == ResourceType.CLUSTER) {
            return confirm + " The key cannot be brought back, so the cluster cannot be either: restore its latest "
                    + "snapshot that is on another key (or unencrypted) into a new cluster with a customer managed key "
                    + "(aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier " + s.name()
                    + "-restored --snapshot-identifier <snapshot-on-another-key> --engine neptune --kms-key-id "
                    + "<your-customer-managed-key-arn>" + region + "), move clients, then delete " + s.name() + ".";
        }
        if (s.type() == ResourceType.GRAPH) {
            return confirm + " The key cannot be brought back, so neither can the graph: restore a graph snapshot on "
                    + "another key (aws neptune-graph restore-graph-from-snapshot --snapshot-identifier "
                    + "<snapshot-on-another-key> --graph-name " + q(s.name() + "-restored") + region
                    + "), or re-create the graph from its source data, then delete " + s.name() + ".";
        }
        if (s.type() == ResourceType.GRAPH_SNAPSHOT) {
            return confirm + " The graph snapshot can never be restored; delete it so nobody counts on it as a "
                    + "backup:\naws neptune-graph delete-graph-snapshot --snapshot-identifier " + q(s.resourceId())
                    + region;
        }
        return confirm + " The snapshot can never be restored; delete it so nobody counts on it as a backup:\n"
                + "aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier " + s.name() + region;
    }

    static String verifyRotation(KeyFacts key, Subject s) {
        String region = key.region() == null ? "" : " --region " + key.region();
        String owner = key.account() != null && s.account() != null && !key.account().equals(s.account())
                ? " The key belongs to account " + key.account() + ": read it there, or grant the reader access." : "";
        return "Allow kms:GetKeyRotationStatus on " + key.displayArn() + " for the guard, or add the output of "
                + "'aws kms get-key-rotation-status --key-id " + key.displayArn() + region + "' to the export."
                + owner;
    }

    static String enableRotation(KeyFacts key) {
        return "Turn on automatic rotation:\naws kms enable-key-rotation --key-id " + q(key.displayArn())
                + regionFlag(key.region());
    }
}
