package dev.neptuneguard.configrule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neptuneguard.json.Dates;
import dev.neptuneguard.json.Json;
import dev.neptuneguard.model.ClusterFacts;
import dev.neptuneguard.model.FactSource;
import dev.neptuneguard.model.ResourceType;
import dev.neptuneguard.model.SnapshotFacts;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An AWS Config configuration item (or the summary of an oversized one), in any of the shapes Config
 * produces: from the invoking event ({@code ARN}, {@code awsAccountId}, {@code configuration} as an object)
 * or from {@code GetResourceConfigHistory} ({@code arn}, {@code accountId}, {@code configuration} as a JSON
 * string). Property names are matched case-insensitively ({@code dbclusterIdentifier},
 * {@code dBClusterIdentifier}), and absent, {@code null} and {@code ""} values all mean "not given".
 *
 * @param status {@code configurationItemStatus}: {@code OK}, {@code ResourceDiscovered},
 *               {@code ResourceNotRecorded}, {@code ResourceDeleted} or {@code ResourceDeletedNotRecorded}
 * @param configuration the resource's configuration as an object; {@code null} when absent (summaries,
 *                      deleted resources)
 * @param tags the item's {@code tags} map; {@code null} when the item has none (then tags are unknown)
 */
public record ConfigurationItem(
        String resourceType,
        String resourceId,
        String resourceName,
        String arn,
        String account,
        String region,
        String status,
        Instant captureTime,
        JsonNode configuration,
        Map<String, String> tags) {

    private static final Set<String> DELETED_STATUSES = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");

    public ConfigurationItem {
        tags = tags == null ? null : Map.copyOf(tags);
    }

    /** Reads an item or an item summary. */
    public static ConfigurationItem from(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new InvalidInvocationException("configuration item is not a JSON object");
        }
        return new ConfigurationItem(
                Json.text(item, "resourceType"),
                Json.text(item, "resourceId"),
                Json.text(item, "resourceName"),
                Json.text(item, "arn"),
                firstNonNull(Json.text(item, "awsAccountId"), Json.text(item, "accountId")),
                Json.text(item, "awsRegion"),
                Json.text(item, "configurationItemStatus"),
                timestamp(Json.field(item, "configurationItemCaptureTime")),
                configuration(Json.field(item, "configuration")),
                tags(Json.field(item, "tags")));
    }

    /** True for {@code ResourceDeleted} and {@code ResourceDeletedNotRecorded}. */
    public boolean deleted() {
        return status != null && DELETED_STATUSES.stream().anyMatch(s -> s.equalsIgnoreCase(status));
    }

    /** The neptune-guard type of this item, or {@code null} for types this rule does not evaluate. */
    public ResourceType type() {
        for (ResourceType t : ResourceType.values()) {
            // AWS Config records no Neptune Analytics type, so only clusters and cluster snapshots are evaluated.
            boolean evaluated = t == ResourceType.CLUSTER || t == ResourceType.SNAPSHOT;
            if (evaluated && t.awsType().equalsIgnoreCase(resourceType)) {
                return t;
            }
        }
        return null;
    }

    /** The resource's engine from its configuration; {@code null} when the item does not say. */
    public String engine() {
        return Json.text(configuration, "engine");
    }

    /** The cluster this item describes, as the encryption rules see it. */
    public ClusterFacts toClusterFacts() {
        JsonNode c = configuration;
        String clusterArn = firstNonNull(arn, Json.text(c, "dbClusterArn"));
        return new ClusterFacts(
                clusterArn,
                firstNonNull(Json.text(c, "dbClusterIdentifier"), resourceName),
                firstNonNull(resourceId, Json.text(c, "dbClusterResourceId")),
                account,
                firstNonNull(region, regionOf(clusterArn)),
                Json.text(c, "engine"),
                Json.text(c, "status"),
                Json.bool(c, "storageEncrypted"),
                Json.text(c, "kmsKeyId"),
                Boolean.TRUE.equals(Json.bool(c, "deletionProtection")),
                tags,
                tags != null,
                FactSource.CONFIG);
    }

    /** The cluster snapshot this item describes, as the encryption rules see it. */
    public SnapshotFacts toSnapshotFacts() {
        JsonNode c = configuration;
        String snapshotArn = firstNonNull(arn, Json.text(c, "dbClusterSnapshotArn"));
        return new SnapshotFacts(
                snapshotArn,
                firstNonNull(Json.text(c, "dbClusterSnapshotIdentifier"), resourceName),
                Json.text(c, "dbClusterIdentifier"),
                account,
                firstNonNull(region, regionOf(snapshotArn)),
                Json.text(c, "engine"),
                Json.text(c, "status"),
                Json.text(c, "snapshotType"),
                Json.bool(c, "storageEncrypted"),
                Json.text(c, "kmsKeyId"),
                timestamp(Json.field(c, "snapshotCreateTime")),
                tags,
                tags != null,
                FactSource.CONFIG);
    }

    /** The configuration as an object, whether the item carries it as an object or as a JSON string. */
    static JsonNode configuration(JsonNode raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isObject()) {
            return raw;
        }
        if (raw.isTextual() && !raw.asText().isBlank()) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(raw.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (IOException e) {
                throw new InvalidInvocationException("the item's configuration string is not JSON", e);
            }
        }
        return null;
    }

    /** The item's {@code tags} map; {@code null} when the item carries no tags map at all. */
    static Map<String, String> tags(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    /**
     * A Config timestamp: ISO-8601 in events, epoch milliseconds inside RDS configurations
     * ({@code clusterCreateTime: 1603209239560}), epoch seconds with a fraction on the API wire. Numbers above
     * 10^11 are read as milliseconds (10^11 seconds is the year 5138). Config keeps milliseconds, so seconds
     * are rounded to the millisecond: a double cannot hold {@code 1795270803.734} exactly, and the
     * evaluation's ordering timestamp should be the capture time itself, not a neighbour of it.
     */
    static Instant timestamp(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber() || v.isTextual() && v.asText().trim().matches("\\d{12,}")) {
            double n = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText().trim());
            if (n > 1e11) {
                return Instant.ofEpochMilli((long) n);
            }
            return Instant.ofEpochMilli(Math.round(n * 1000));
        }
        return Dates.parseLenient(v.asText());
    }

    private static String regionOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[3].isEmpty() ? parts[3] : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
