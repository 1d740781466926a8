package dev.neptuneguard.sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The delivery ledger in a DynamoDB table (partition key {@code pk}, string; TTL attribute {@code expiresAt},
 * epoch seconds). Reads are strongly consistent {@code BatchGetItem}s of up to 100 keys, so the check costs one
 * call per 100 deliveries; each successful delivery is one conditional {@code PutItem}
 * ({@code attribute_not_exists(pk)}), whose condition failing reveals a concurrent duplicate. Items expire after
 * the retention (14 days by default): longer than EventBridge's 24-hour retry window and Lambda's 6-hour
 * asynchronous retry window, short enough to keep the table small.
 */
public final class DynamoDbDeliveryLedger implements DeliveryLedger {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);
    private static final int BATCH = 100;
    private static final int UNPROCESSED_ROUNDS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbDeliveryLedger(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public Set<DeliveryKey> delivered(Collection<DeliveryKey> keys) {
        Map<String, DeliveryKey> byPk = new LinkedHashMap<>();
        keys.forEach(k -> byPk.put(k.pk(), k));
        List<String> pks = new ArrayList<>(byPk.keySet());
        Set<DeliveryKey> found = new HashSet<>();
        for (int i = 0; i < pks.size(); i += BATCH) {
            List<Map<String, AttributeValue>> batch = pks.subList(i, Math.min(pks.size(), i + BATCH)).stream()
                    .map(pk -> Map.of("pk", AttributeValue.fromS(pk))).toList();
            for (String pk : get(batch)) {
                DeliveryKey key = byPk.get(pk);
                if (key != null) {
                    found.add(key);
                }
            }
        }
        return found;
    }

    /**
     * Reads one batch; keys DynamoDB leaves unprocessed are asked again a few times, then treated as not
     * delivered (at-least-once: a rare duplicate rather than a lost alert).
     */
    private Set<String> get(List<Map<String, AttributeValue>> keys) {
        Set<String> pks = new HashSet<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(keys).projectionExpression("pk").consistentRead(true).build());
        for (int round = 0; round < UNPROCESSED_ROUNDS && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
            response.responses().getOrDefault(table, List.of()).forEach(item -> pks.add(item.get("pk").s()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return pks;
    }

    @Override
    public boolean record(DeliveryKey key, Instant deliveredAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS(key.pk()));
        item.put("eventId", AttributeValue.fromS(key.eventId()));
        item.put("findingId", AttributeValue.fromS(key.findingId()));
        item.put("sink", AttributeValue.fromS(key.sink()));
        item.put("deliveredAt", AttributeValue.fromS(deliveredAt.toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(deliveredAt.plus(retention).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
