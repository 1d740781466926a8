package dev.neptuneguard.events;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.SnapshotFacts;
import java.time.Instant;

/**
 * A cluster or snapshot was created, restored or copied. The event is a trigger, not the truth: the core
 * re-reads the resource and falls back to {@link #clusterFromEvent()} / {@link #snapshotFromEvent()} only
 * when it is not yet visible.
 *
 * @param engine the engine named by the request or response, or {@code null} when neither says (look it up)
 * @param identifier the cluster or snapshot identifier
 * @param requestedKmsKeyId the {@code kmsKeyId} the caller passed (id, ARN, alias), if any
 */
public record ResourceTrigger(
        Kind kind,
        String eventId,
        String eventName,
        Instant eventTime,
        String account,
        String region,
        String principal,
        String identifier,
        String arn,
        String engine,
        String requestedKmsKeyId,
        ClusterFacts clusterFromEvent,
        SnapshotFacts snapshotFromEvent) implements EventOutcome {

    /** The CloudTrail calls that make or change a Neptune cluster's or snapshot's encryption. */
    public enum Kind {
        CLUSTER_CREATED("CreateDBCluster", true),
        CLUSTER_RESTORED_FROM_SNAPSHOT("RestoreDBClusterFromSnapshot", true),
        CLUSTER_RESTORED_TO_POINT_IN_TIME("RestoreDBClusterToPointInTime", true),
        SNAPSHOT_CREATED("CreateDBClusterSnapshot", false),
        SNAPSHOT_COPIED("CopyDBClusterSnapshot", false);

        private final String eventName;
        private final boolean cluster;

        Kind(String eventName, boolean cluster) {
            this.eventName = eventName;
            this.cluster = cluster;
        }

        public String eventName() {
            return eventName;
        }

        public boolean isCluster() {
            return cluster;
        }

        static Kind ofEventName(String name) {
            for (Kind k : values()) {
                if (k.eventName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }
}
