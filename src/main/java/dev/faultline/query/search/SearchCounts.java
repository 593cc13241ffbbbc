package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import dev.faultline.query.history.LinkedHashMapLru;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * The exact total and the facet counts of a search: an unscored pass over every match, one terms
 * aggregation on the combined {@code facets} field, run on another thread while the request's
 * own thread ranks and highlights the page. It is the costly part of a search that matches much
 * of the index (the counting collector spends a few hundred nanoseconds per facet value per match),
 * so, like Elasticsearch's request cache for size-0 requests, its results are kept until the
 * serving index changes: paging through a result list, or the same search from another user,
 * does not count again. Any write or swap (a new {@link SearchIndexes#version()}) drops them all.
 */
final class SearchCounts {

    /** A search's exact number of matches and the count of each combined facet value among them. */
    record Counts(long total, Map<String, Long> facets) {
    }

    /** Everything the matches depend on: not the sort, the page or its size. */
    private record Key(String text, String organization, List<String> labels, Severity severity,
                       IncidentStatus status, Instant from, Instant to, String typos) {

        static Key of(SearchIncidents query, String typos) {
            return new Key(query.text(), query.organization(), List.copyOf(query.labels()), query.severity(),
                    query.status(), query.from(), query.to(), typos);
        }
    }

    private record Cache(SearchIndexes.Generation generation, long version, Map<Key, Counts> entries) {
    }

    private static final AggregationKey<Map<String, Long>> FACETS = AggregationKey.of("facets");

    /** Enough buckets for every value of every facet of a large knowledge base; trimmed per facet after. */
    private static final int FACET_BUCKETS = 10_000;

    private final SearchIndexes indexes;
    private final Executor pool;
    private final int capacity;
    private volatile Cache cache = new Cache(null, -1, Map.of());

    /** {@code capacity} searches' counts are kept per index version; 0 counts every search afresh. */
    SearchCounts(SearchIndexes indexes, Executor pool, int capacity) {
        this.indexes = indexes;
        this.pool = pool;
        this.capacity = capacity;
    }

    /** The counts of this search, cached or being counted on another thread. */
    CompletableFuture<Counts> of(SearchIndexes.Generation generation, SearchIncidents query, String typos) {
        // the version is read before counting: counts made while a write lands are kept under the
        // older version, and dropped at the next search
        long version = indexes.version();
        Map<Key, Counts> entries = entries(generation, version);
        Key key = Key.of(query, typos);
        Counts cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> {
            Counts counts = count(generation, query, typos);
            if (capacity > 0) {
                synchronized (entries) {
                    entries.put(key, counts);
                }
            }
            return counts;
        }, pool);
    }

    private Map<Key, Counts> entries(SearchIndexes.Generation generation, long version) {
        Cache current = cache;
        if (current.generation() != generation || current.version() != version) {
            current = new Cache(generation, version, new LinkedHashMapLru<>(Math.max(1, capacity)));
            cache = current;
        }
        return current.entries();
    }

    private static Counts count(SearchIndexes.Generation generation, SearchIncidents query, String typos) {
        try (SearchSession session = generation.mapping().createSession()) {
            SearchResult<?> result = session.search(SearchDocument.class)
                    .where(f -> f.bool().filter(IncidentSearch.predicate(f, query, typos)))
                    .aggregation(FACETS, f -> f.terms().field("facets", String.class).maxTermCount(FACET_BUCKETS))
                    .fetch(0);
            return new Counts(result.total().hitCount(), result.aggregation(FACETS));
        }
    }
}
