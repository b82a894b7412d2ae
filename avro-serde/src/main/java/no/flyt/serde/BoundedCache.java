package no.flyt.serde;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A concurrent map that never holds more than its capacity: reads are lock-free (the serdes read it per
 * record); when full, an arbitrary entry makes room. Schemas rarely exceed the capacity, so the
 * eviction policy matters little; the bound protects against unbounded growth.
 */
final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int capacity;

    BoundedCache(int capacity) {
        this.capacity = capacity;
    }

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        if (map.size() >= capacity && !map.containsKey(key)) {
            Iterator<K> keys = map.keySet().iterator();
            if (keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        map.put(key, value);
    }

    void removeIf(Predicate<K> predicate) {
        map.keySet().removeIf(predicate);
    }
}
