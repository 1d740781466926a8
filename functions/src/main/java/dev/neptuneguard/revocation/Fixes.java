package dev.neptuneguard.revocation;

import dev.neptuneguard.events.Arns;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.RuleId;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.Shell;
import java.util.regex.Pattern;

/**
 * Remediation text for key findings, with exact AWS CLI commands filled in with the key's ARN and Region and the
 * first affected cluster or snapshot as the worked example (the finding lists the rest).
 */
final class Fixes {

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private Fixes() {
    }

    static String forState(RuleId rule, KeyFacts key, BlastRadius r) {
        String id = q(key.displayArn());
        String region = region(key);
        return switch (rule) {
            case KMS_KEY_DELETION_SCHEDULED_IN_USE -> deletion(key, r);
            case KMS_KEY_MATERIAL_DELETED_IN_USE -> "Re-import the same key material (a key accepts only the "
                    + "material it was created with):\n"
                    + "aws kms get-parameters-for-import --key-id " + id + " --wrapping-algorithm RSAES_OAEP_SHA_256"
                    + " --wrapping-key-spec RSA_4096" + region + "\n"
                    + "Wrap the original key material with the returned public key, then:\n"
                    + "aws kms import-key-material --key-id " + id + " --encrypted-key-material "
                    + "fileb://EncryptedKeyMaterial.bin --import-token fileb://ImportToken.bin --expiration-model "
                    + "KEY_MATERIAL_DOES_NOT_EXPIRE" + region + restart(r, region);
            case KMS_KEY_STORE_DISCONNECTED_IN_USE -> {
                String store = key.customKeyStoreId() == null ? "<custom-key-store-id>" : q(key.customKeyStoreId());
                yield "Reconnect the custom key store, then wait until it is CONNECTED:\n"
                        + "aws kms connect-custom-key-store --custom-key-store-id " + store + region + "\n"
                        + "aws kms describe-custom-key-stores --custom-key-store-id " + store + region
                        + " --query 'CustomKeyStores[0].ConnectionState'" + restart(r, region);
            }
            default -> "Re-enable the key:\naws kms enable-key --key-id " + id + region + restart(r, region);
        };
    }

    private static String deletion(KeyFacts key, BlastRadius r) {
        String id = q(key.displayArn());
        String region = region(key);
        StringBuilder b = new StringBuilder("Cancel the deletion, then re-enable the key (CancelKeyDeletion leaves it "
                + "Disabled):\n")
                .append("aws kms cancel-key-deletion --key-id ").append(id).append(region).append('\n')
                .append("aws kms enable-key --key-id ").append(id).append(region);
        if ("PendingReplicaDeletion".equals(key.keyState())) {
            b.append("\nAlso cancel the deletion of each replica key in its own Region (same commands with "
                    + "--region <replica-region>).");
        }
        b.append("\nIf the key really must go, first move everything listed to another key, then schedule the "
                + "deletion again:");
        if (!r.clusters().isEmpty()) {
            String c = r.clusters().get(0).cluster().identifier();
            b.append("\naws neptune create-db-cluster-snapshot --db-cluster-identifier ").append(q(c))
                    .append(" --db-cluster-snapshot-identifier ").append(q(c + "-rekey")).append(region)
                    .append("\naws neptune restore-db-cluster-from-snapshot --db-cluster-identifier ")
                    .append(q(c + "-rekeyed")).append(" --snapshot-identifier ").append(q(c + "-rekey"))
                    .append(" --engine neptune --kms-key-id ").append("<other-key-arn>").append(region)
                    .append("\n(then add instances with aws neptune create-db-instance, move clients, and repeat for "
                            + "each listed cluster)");
        }
        if (!r.snapshots().isEmpty()) {
            SnapshotFacts s = r.snapshots().get(0);
            b.append("\naws neptune copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier ")
                    .append(q(s.identifier())).append(" --target-db-cluster-snapshot-identifier ")
                    .append(q(copyName(s.identifier()))).append(" --kms-key-id <other-key-arn>").append(region)
                    .append("\n(repeat for each snapshot worth keeping; copying needs the key usable)");
        }
        return b.toString();
    }

    static String afterDeletion(BlastRadius r) {
        String region = region(r.key());
        StringBuilder b = new StringBuilder("The key cannot be brought back.");
        r.clusters().stream().filter(AffectedCluster::hasRecoveryPath).findFirst().ifPresent(c -> b
                .append(" Restore each cluster that has a recovery path into a new cluster, e.g.:\n")
                .append("aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier ")
                .append(q(c.cluster().identifier() + "-restored")).append(" --snapshot-identifier ")
                .append(q(c.recoverySnapshot().identifier())).append(" --engine neptune").append(region)
                .append("\n(then add instances with aws neptune create-db-instance and move clients)"));
        if (r.clusters().stream().anyMatch(c -> !c.hasRecoveryPath())) {
            b.append("\nClusters without a recovery path can only be rebuilt from data kept outside Neptune.");
        }
        r.snapshots().stream().filter(s -> "manual".equals(s.snapshotType())).findFirst().ifPresent(s -> b
                .append("\nManual snapshots on the deleted key can never be restored; delete them, e.g.:\n")
                .append("aws neptune delete-db-cluster-snapshot --db-cluster-snapshot-identifier ")
                .append(q(s.identifier())).append(region));
        return b.toString();
    }

    static String grant(BlastRadius r) {
        KeyFacts key = r.key();
        String region = region(key);
        // The region goes inside a quoted JMESPath literal: only a region-shaped name may, never shell syntax.
        String name = regionName(key);
        String rds = "rds." + (name != null && REGION_NAME.matcher(name).matches() ? name : "<region>")
                + ".amazonaws.com";
        StringBuilder b = new StringBuilder("Check the grants RDS still holds on the key:\n")
                .append("aws kms list-grants --key-id ").append(q(key.displayArn())).append(region)
                .append(" --query \"Grants[?GranteePrincipal=='").append(rds).append("']\"");
        if (!r.clusters().isEmpty()) {
            ClusterFacts c = r.clusters().get(0).cluster();
            b.append("\nWatch each cluster's status:\naws neptune describe-db-clusters --db-cluster-identifier ")
                    .append(q(c.identifier())).append(region).append(" --query 'DBClusters[0].Status'")
                    .append("\nIf a cluster shows inaccessible-encryption-credentials(-recoverable), restore it into a "
                            + "new cluster (RDS creates new grants for it):\n")
                    .append("aws neptune restore-db-cluster-to-point-in-time --source-db-cluster-identifier ")
                    .append(q(c.identifier())).append(" --db-cluster-identifier ")
                    .append(q(c.identifier() + "-restored")).append(" --use-latest-restorable-time").append(region);
        }
        return b.toString();
    }

    static String policy(KeyFacts key, String regionName, String reason) {
        String region = regionName == null ? "" : " --region " + q(regionName);
        String what = reason == null ? "Read the policy and make sure it lets the account use the key through RDS"
                : "Fix the policy (" + reason + ")";
        return "Fetch the current policy:\naws kms get-key-policy --key-id " + q(key.displayArn())
                + " --policy-name default --output text" + region + " > policy.json\n"
                + what + ", then put it back:\n"
                + "aws kms put-key-policy --key-id " + q(key.displayArn()) + " --policy-name default --policy "
                + "file://policy.json" + region;
    }

    /** Clusters already cut off need a start once the key is usable again. */
    private static String restart(BlastRadius r, String region) {
        return r.clusters().stream()
                .filter(c -> "inaccessible-encryption-credentials-recoverable".equals(c.cluster().status()))
                .findFirst()
                .map(c -> "\nThen start each cluster in inaccessible-encryption-credentials-recoverable, e.g.:\n"
                        + "aws neptune start-db-cluster --db-cluster-identifier " + q(c.cluster().identifier())
                        + region)
                .orElse(r.clusters().stream().anyMatch(AffectedCluster::lostKeyAccess)
                        ? "\nClusters in the terminal inaccessible-encryption-credentials state must be restored "
                        + "from a backup once the key is usable." : "");
    }

    /** Automated snapshot ids ({@code rds:x-2026-…}) are not valid copy targets: drop the prefix. */
    static String copyName(String identifier) {
        String base = identifier.startsWith("rds:") ? identifier.substring(4) : identifier;
        return base + "-rekeyed";
    }

    private static String region(KeyFacts key) {
        String name = regionName(key);
        return name == null ? "" : " --region " + q(name);
    }

    private static String q(String word) {
        return Shell.quote(word);
    }

    private static String regionName(KeyFacts key) {
        return key.region() != null ? key.region() : Arns.region(key.displayArn());
    }
}
