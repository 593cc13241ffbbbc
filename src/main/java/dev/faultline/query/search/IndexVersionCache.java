package dev.faultline.query.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * Values derived from what the serving index holds, valid until it changes: every write and every
 * swap (a new {@link SearchIndexes#version()} or another generation) drops them all. The version
 * is read when the entries are asked for, before anything is derived, so a value derived while a
 * write lands is kept under the older version and dropped at the next use. Bounded (least recently
 * used first out; a capacity of 0 keeps nothing); thread-safe.
 */
final class IndexVersionCache<K, V> {

    private record Entries<K, V>(SearchIndexes.Generation generation, long version, Map<K, V> map) {
    }

    private final SearchIndexes indexes;
    private final int capacity;
    private volatile Entries<K, V> entries = new Entries<>(null, -1, Map.of());

    IndexVersionCache(SearchIndexes indexes, int capacity) {
        this.indexes = indexes;
        this.capacity = Math.max(0, capacity);
    }

    /** The entries for this generation as it is now. */
    Map<K, V> of(SearchIndexes.Generation generation) {
        long version = indexes.version();
        Entries<K, V> current = entries;
        if (current.generation() != generation || current.version() != version) {
            current = new Entries<>(generation, version, Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).<K, V>build().asMap());
            entries = current;
        }
        return current.map();
    }
}
