package dev.neptuneguard.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a warm function keeps per account (SDK clients): the {@code capacity} accounts used last, in a thread-safe
 * least-recently-used map; an evicted value is handed to {@code onEvict} (to close its clients), so that a hub that
 * sees hundreds of accounts over its life does not grow without bound.
 */
public final class RecentAccounts<V> {

    private final Map<String, V> values;
    private final Function<String, V> create;

    public RecentAccounts(int capacity, Function<String, V> create, Consumer<V> onEvict) {
        this.create = create;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() > capacity) {
                    onEvict.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The value for {@code key}, created on first use (or again after its eviction). */
    public V get(String key) {
        synchronized (values) {
            return values.computeIfAbsent(key, create);
        }
    }
}
