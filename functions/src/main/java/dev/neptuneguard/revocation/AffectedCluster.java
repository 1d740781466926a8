package dev.neptuneguard.revocation;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.KeyFacts;
import dev.neptuneguard.model.SnapshotFacts;
import dev.neptuneguard.policy.EncryptionRules;
import java.util.Set;

/**
 * A Neptune cluster encrypted with the key at risk, and its way back if the key is lost: the newest available
 * snapshot of the same cluster that does not depend on that key (on another usable key, or unencrypted).
 * Point-in-time restore is no way back: the continuous backups use the cluster's own key.
 *
 * @param recoverySnapshot {@code null} when no such snapshot exists
 * @param recoveryKey the recovery snapshot's key, {@code null} when there is none or the snapshot is unencrypted
 */
public record AffectedCluster(ClusterFacts cluster, SnapshotFacts recoverySnapshot, KeyFacts recoveryKey) {

    /** Statuses of a cluster that is going away: nothing to protect there. */
    static final Set<String> GONE_STATUSES = Set.of("deleting", "deleted");

    /** True unless the cluster is being deleted; a cluster whose status is unknown (null) counts as live. */
    public boolean live() {
        return cluster.status() == null || !GONE_STATUSES.contains(cluster.status());
    }

    /**
     * True when Neptune reports that the cluster lost access to its key. An unknown (null) status is not that: the
     * cluster may still be using the key, which is the safe assumption for protection and advice.
     */
    public boolean lostKeyAccess() {
        return cluster.status() != null && EncryptionRules.INACCESSIBLE_STATUSES.contains(cluster.status());
    }

    public boolean hasRecoveryPath() {
        return recoverySnapshot != null;
    }

    /** One line for people: name, status, deletion protection and recovery path. */
    String describe() {
        StringBuilder b = new StringBuilder(cluster.identifier()).append(" (")
                .append(cluster.status() == null ? "status unknown" : cluster.status())
                .append(", deletion protection ").append(cluster.deletionProtection() ? "on" : "off").append("): ");
        if (recoverySnapshot == null) {
            b.append("no recovery path (no available snapshot of it on another usable key)");
        } else if (recoveryKey == null) {
            b.append("recovery path: unencrypted snapshot ").append(recoverySnapshot.identifier());
        } else {
            String alias = recoveryKey.primaryAlias();
            b.append("recovery path: snapshot ").append(recoverySnapshot.identifier()).append(" on key ")
                    .append(alias != null ? alias : recoveryKey.displayArn());
        }
        return b.toString();
    }
}
