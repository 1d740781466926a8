package dev.neptuneguard.sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Collection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * First sightings in the delivery table, one item per Security Hub finding id ({@code pk = first-seen#<id>}).
 * One {@code UpdateItem} per id sets {@code firstSeenAt} only if absent ({@code if_not_exists}) and returns it, so
 * the read and the write are one atomic call and two concurrent imports agree on the same value. {@code expiresAt}
 * is pushed 90 days ahead on every import: Security Hub deletes a finding 90 days after its last update, and
 * the memory lasts as long as the finding does.
 */
public final class DynamoDbFirstSightings implements FirstSightings {

    public static final Duration RETENTION = Duration.ofDays(90);
    private static final String PREFIX = "first-seen#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbFirstSightings(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, Instant> firstSeen(Collection<String> findingIds, Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        String expires = Long.toString(now.plus(RETENTION).getEpochSecond());
        for (String id : findingIds) {
            if (out.containsKey(id)) {
                continue;
            }
            UpdateItemResponse r = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(PREFIX + id)))
                    .updateExpression("SET firstSeenAt = if_not_exists(firstSeenAt, :now), expiresAt = :expires")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString()),
                            ":expires", AttributeValue.fromN(expires)))
                    .returnValues(ReturnValue.ALL_NEW));
            AttributeValue seen = r.hasAttributes() ? r.attributes().get("firstSeenAt") : null;
            out.put(id, seen == null ? now : Instant.parse(seen.s()));
        }
        return out;
    }

    /**
     * One {@code UpdateItem} per id, conditional on a stored first sighting ({@code attribute_exists}): it extends
     * the memory of an id imported before and returns its first sighting; a failed condition means the id was never
     * imported, and nothing is written for it.
     */
    @Override
    public Map<String, Instant> raised(Collection<String> findingIds, Instant now) {
        Map<String, Instant> out = new LinkedHashMap<>();
        String expires = Long.toString(now.plus(RETENTION).getEpochSecond());
        for (String id : new LinkedHashSet<>(findingIds)) {
            try {
                UpdateItemResponse r = dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(PREFIX + id)))
                        .conditionExpression("attribute_exists(firstSeenAt)")
                        .updateExpression("SET expiresAt = :expires")
                        .expressionAttributeValues(Map.of(":expires", AttributeValue.fromN(expires)))
                        .returnValues(ReturnValue.ALL_NEW));
                AttributeValue seen = r.hasAttributes() ? r.attributes().get("firstSeenAt") : null;
                out.put(id, seen == null ? now : Instant.parse(seen.s()));
            } catch (ConditionalCheckFailedException neverImported) {
                // nothing to resolve for this id
            }
        }
        return out;
    }
}
