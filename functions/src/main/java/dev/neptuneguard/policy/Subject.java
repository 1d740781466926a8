package dev.neptuneguard.policy;

import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.GraphFacts;
import dev.neptuneguard.model.GraphSnapshotFacts;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import java.util.Map;

/** The part of a cluster, snapshot, graph or graph snapshot that the encryption rules look at: one evaluation. */
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

    /** A graph is always encrypted; its {@code kmsKeyId} is the customer key, or {@code null} on the AWS owned key. */
    static Subject of(GraphFacts g) {
        return new Subject(ResourceType.GRAPH, g.arn(), g.id(), g.name() != null ? g.name() : g.id(), g.account(),
                g.region(), true, g.customerKey(), g.tags(), g.source(), g.id(), g.status());
    }

    static Subject of(GraphSnapshotFacts s) {
        return new Subject(ResourceType.GRAPH_SNAPSHOT, s.arn(), s.id(), s.name() != null ? s.name() : s.id(),
                s.account(), s.region(), true, s.customerKey(), s.tags(), s.source(), s.sourceGraphId(), s.status());
    }

    String kind() {
        return switch (type) {
            case CLUSTER -> "Cluster";
            case SNAPSHOT -> "Snapshot";
            case GRAPH -> "Graph";
            case GRAPH_SNAPSHOT -> "Graph snapshot";
            case KEY -> "Key";
        };
    }
}
