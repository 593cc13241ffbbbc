package dev.faultline.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps up to {@code capacity} recently used Incident aggregates in memory, so a command on a
 * busy incident does not replay its whole event stream. Strong references, bounded by Caffeine:
 * Axon's WeakReferenceCache loses every entry at each garbage collection, and the replays that
 * followed were the tail of the write latency (docs/decisions.md). On another node's write the
 * cached copy is stale; the append then fails on the (aggregate, sequence) key, Axon evicts the
 * entry, and the client's retry loads it fresh.
 *
 * <p>An entry read or written by a unit of work that does not commit is evicted when that unit of
 * work ends. Axon evicts on rollback, but an Error thrown while committing skips the rollback
 * phase, and the cached aggregate — mutated in place by the command — would keep the version of
 * events that were never stored: the next write would leave a gap in the incident's sequence.
 */
final class BoundedAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    BoundedAggregateCache(int capacity) {
        this.entries = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null) {
            evictUnlessCommitted(key);
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
        evictUnlessCommitted(key);
    }

    /** Removes {@code key} when the current unit of work ends without having committed. */
    private void evictUnlessCommitted(Object key) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        AtomicBoolean committed = new AtomicBoolean();
        unitOfWork.afterCommit(u -> committed.set(true));
        unitOfWork.onCleanup(u -> {
            if (!committed.get()) {
                remove(key);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }
}
