package dev.neptuneguard.model;

import java.time.Instant;
import java.util.Map;

/**
 * What neptune-guard knows about one Neptune Analytics graph snapshot ({@code ListGraphSnapshots} /
 * {@code GetGraphSnapshot}). A graph restored from it keeps its key: {@code RestoreGraphFromSnapshot} takes none.
 *
 * @param id the snapshot id ({@code gs-} and ten characters)
 * @param sourceGraphId the graph it was taken from; may be {@code null}
 * @param kmsKeyIdentifier the customer key's ARN; {@code null}, blank or {@value GraphFacts#AWS_OWNED_KEY} for the
 *        AWS owned key
 */
public record GraphSnapshotFacts(
        String arn,
        String id,
        String name,
        String sourceGraphId,
        String account,
        String region,
        String status,
        String kmsKeyIdentifier,
        Instant createTime,
        Map<String, String> tags,
        boolean tagsKnown,
        FactSource source) {

    public GraphSnapshotFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean awsOwnedKey() {
        return GraphFacts.awsOwned(kmsKeyIdentifier);
    }

    /** The customer key to describe, or {@code null} for the AWS owned key. */
    public String customerKey() {
        return awsOwnedKey() ? null : kmsKeyIdentifier.trim();
    }

    public GraphSnapshotFacts withTags(Map<String, String> newTags) {
        return new GraphSnapshotFacts(arn, id, name, sourceGraphId, account, region, status, kmsKeyIdentifier,
                createTime, newTags, true, source);
    }
}
