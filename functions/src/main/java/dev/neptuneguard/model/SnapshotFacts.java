package dev.neptuneguard.model;

import java.time.Instant;
import java.util.Map;

/**
 * What neptune-guard knows about one Neptune DB cluster snapshot (manual or automated).
 *
 * @param snapshotType {@code manual}, {@code automated}, {@code shared} or {@code public}
 * @param createTime may be {@code null} while the snapshot is being created
 */
public record SnapshotFacts(
        String arn,
        String identifier,
        String clusterIdentifier,
        String account,
        String region,
        String engine,
        String status,
        String snapshotType,
        Boolean storageEncrypted,
        String kmsKeyId,
        Instant createTime,
        Map<String, String> tags,
        boolean tagsKnown,
        FactSource source) {

    public SnapshotFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean encrypted() {
        return Boolean.TRUE.equals(storageEncrypted);
    }

    /**
     * False only when the source names another engine. A snapshot without an engine is unknown, not "another engine":
     * it is evaluated as Neptune (fail-safe), so that missing data can never hide an unencrypted resource.
     */
    public boolean isNeptune() {
        return engine == null || engine.isBlank() || "neptune".equalsIgnoreCase(engine.trim());
    }

    public SnapshotFacts withTags(Map<String, String> newTags) {
        return new SnapshotFacts(arn, identifier, clusterIdentifier, account, region, engine, status, snapshotType,
                storageEncrypted, kmsKeyId, createTime, newTags, true, source);
    }
}
