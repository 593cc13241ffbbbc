package dev.faultline.query.history;

import java.util.LinkedHashMap;
import java.util.Map;

/** A LinkedHashMap in access order that drops its eldest entry beyond {@code capacity}. Not thread-safe. */
public final class LinkedHashMapLru<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    public LinkedHashMapLru(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
