package dev.neptuneguard.model;

import java.util.Map;

/**
 * What neptune-guard knows about one Neptune DB cluster: the encryption-relevant subset of
 * {@code DescribeDBClusters}, whatever shell produced it.
 *
 * @param storageEncrypted {@code null} when the source did not say (treated as not encrypted)
 * @param kmsKeyId the key as the source gave it: usually an ARN, may be an id or alias
 * @param tags resource tags; empty when unknown ({@link #tagsKnown()} tells which)
 */
public record ClusterFacts(
        String arn,
        String identifier,
        String resourceId,
        String account,
        String region,
        String engine,
        String status,
        Boolean storageEncrypted,
        String kmsKeyId,
        boolean deletionProtection,
        Map<String, String> tags,
        boolean tagsKnown,
        FactSource source) {

    public ClusterFacts {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean encrypted() {
        return Boolean.TRUE.equals(storageEncrypted);
    }

    /**
     * False only when the source names another engine. A cluster without an engine is unknown, not "another engine":
     * it is evaluated as Neptune (fail-safe), so that missing data can never hide an unencrypted resource.
     */
    public boolean isNeptune() {
        return engine == null || engine.isBlank() || "neptune".equalsIgnoreCase(engine.trim());
    }

    public ClusterFacts withTags(Map<String, String> newTags) {
        return new ClusterFacts(arn, identifier, resourceId, account, region, engine, status, storageEncrypted,
                kmsKeyId, deletionProtection, newTags, true, source);
    }
}
