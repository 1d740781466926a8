package dev.neptuneguard.remediation;

import java.util.List;

/**
 * A re-encryption plan: the path, why it fits the source, the names of what it creates (deterministic, so that a
 * re-run finds them), the numbered steps, what it cannot carry over, and the refusals that stop it from running.
 *
 * @param source the cluster or snapshot identifier being re-encrypted
 * @param target the identifier of the cluster (or snapshot) the plan ends with
 * @param creates every resource the steps create, in order: what exists if the run stops, and what to undo
 */
public record Plan(
        Subject subject,
        Path path,
        String source,
        String target,
        String region,
        String keyArn,
        String why,
        List<Step> steps,
        List<String> creates,
        List<String> notCarriedOver,
        List<Refusal> refusals,
        ClusterConfiguration cluster) {

    /** What is re-encrypted. */
    public enum Subject { CLUSTER, SNAPSHOT }

    /** How the data reaches the new key. */
    public enum Path {
        /** snapshot the unencrypted cluster, restore the snapshot with KmsKeyId */
        SNAPSHOT_RESTORE,
        /** restore the encrypted cluster to its latest restorable time with the new KmsKeyId */
        POINT_IN_TIME_RESTORE,
        /** copy an encrypted snapshot with the new KmsKeyId */
        SNAPSHOT_COPY,
        /** restore an unencrypted snapshot into a cluster with KmsKeyId, then snapshot that cluster */
        RESTORE_THEN_SNAPSHOT
    }

    public Plan {
        steps = List.copyOf(steps);
        creates = List.copyOf(creates);
        notCarriedOver = List.copyOf(notCarriedOver);
        refusals = List.copyOf(refusals);
    }

    public boolean runnable() {
        return refusals.isEmpty();
    }
}
