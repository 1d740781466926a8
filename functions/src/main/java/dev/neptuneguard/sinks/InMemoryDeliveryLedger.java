package dev.neptuneguard.sinks;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A ledger held in memory: the CLI (nothing to de-duplicate across processes) and tests. */
public final class InMemoryDeliveryLedger implements DeliveryLedger {

    private final Map<String, Instant> records = new ConcurrentHashMap<>();

    @Override
    public Set<DeliveryKey> delivered(Collection<DeliveryKey> keys) {
        return keys.stream().filter(k -> records.containsKey(k.pk())).collect(Collectors.toSet());
    }

    @Override
    public boolean record(DeliveryKey key, Instant deliveredAt) {
        return records.putIfAbsent(key.pk(), deliveredAt) == null;
    }

    /** How many deliveries are recorded. */
    public int size() {
        return records.size();
    }
}
