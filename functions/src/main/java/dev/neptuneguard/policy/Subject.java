package dev.neptuneguard.policy;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.Map;

/** The part of a cluster or snapshot that encryption rules look at, so both share one evaluation. */
record Subject(
        ResourceType type,
        String arn,
        String resourceId,
        String name,
        String account,
        String region,
        boolean encrypted,
        String kmsKeyId,
        Map<String, String> tags,
        FactSource source,
        String clusterIdentifier,
        String status) {

    static Subject of(ClusterFacts c) {
        return new Subject(ResourceType.CLUSTER, c.arn(), c.resourceId(), c.identifier(), c.account(), c.region(),
                c.encrypted(), c.kmsKeyId(), c.tags(), c.source(), c.identifier(), c.status());
    }

    static Subject of(SnapshotFacts s) {
        return new Subject(ResourceType.SNAPSHOT, s.arn(), s.identifier(), s.identifier(), s.account(), s.region(),
                s.encrypted(), s.kmsKeyId(), s.tags(), s.source(), s.clusterIdentifier(), s.status());
    }

    String kind() {
        return type == ResourceType.CLUSTER ? "Cluster" : "Snapshot";
    }
}
