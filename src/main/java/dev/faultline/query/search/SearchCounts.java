package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.query.SearchResults.FacetValue;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * The exact total and the facet counts of a search: an unscored pass over every match counting the
 * values of the combined {@code facets} field (a terms aggregation of the DSL), run on another thread while the request's
 * own thread ranks and highlights the page. It is the costly part of a search that matches much
 * of the index (the counting collector spends a few hundred nanoseconds per facet value per match),
 * so, like Elasticsearch's request cache for size-0 requests, its results are kept until the
 * serving index changes: paging through a result list, or the same search from another user,
 * does not count again. Any write or swap (a new {@link SearchIndexes#version()}) drops them all.
 */
final class SearchCounts {

    /** A search's exact number of matches and, per facet, its most frequent values among them. */
    record Counts(long total, Map<String, List<FacetValue>> facets) {
    }

    /** Everything the matches depend on: not the sort, the page or its size. */
    private record Key(String text, String organization, List<String> labels, Severity severity,
                       IncidentStatus status, Instant from, Instant to, String typos) {

        static Key of(SearchIncidents query, String typos) {
            return new Key(query.text(), query.organization(), List.copyOf(query.labels()), query.severity(),
                    query.status(), query.from(), query.to(), typos);
        }
    }

    private static final AggregationKey<Map<String, Long>> FACETS = AggregationKey.of(SearchDocument.FACETS);

    /** Enough buckets for every value of every facet of a large knowledge base; trimmed per facet after. */
    private static final int FACET_BUCKETS = 10_000;

    private final Executor pool;
    private final IndexVersionCache<Key, Counts> cache;

    /** {@code capacity} searches' counts are kept per index version; 0 counts every search afresh. */
    SearchCounts(SearchIndexes indexes, Executor pool, int capacity) {
        this.pool = pool;
        this.cache = new IndexVersionCache<>(indexes, capacity);
    }

    /** The counts of this search, cached or being counted on another thread. */
    CompletableFuture<Counts> of(SearchIndexes.Generation generation, SearchIncidents query, String typos) {
        Map<Key, Counts> entries = cache.of(generation);
        Key key = Key.of(query, typos);
        Counts cached = entries.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> {
            Counts counts = count(generation, query, typos);
            entries.put(key, counts);
            return counts;
        }, pool);
    }

    private Counts count(SearchIndexes.Generation generation, SearchIncidents query, String typos) {
        try (SearchSession session = generation.mapping().createSession()) {
            SearchResult<?> result = session.search(SearchDocument.class)
                    .where(f -> f.bool().filter(SearchPredicates.matching(f, query, typos)))
                    .aggregation(FACETS, f -> f.terms().field(SearchDocument.FACETS, String.class)
                            .maxTermCount(FACET_BUCKETS))
                    .fetch(0);
            // only what the response shows is kept: the raw counts can run to thousands of values
            return new Counts(result.total().hitCount(), facets(result.aggregation(FACETS)));
        }
    }

    /**
     * The response's facets from the counts of the combined facet field: per facet its most
     * frequent values (ties by value), years newest first.
     */
    static Map<String, List<FacetValue>> facets(Map<String, Long> counts) {
        Map<SearchDocuments.Facet, List<FacetValue>> byFacet = new EnumMap<>(SearchDocuments.Facet.class);
        for (SearchDocuments.Facet facet : SearchDocuments.Facet.values()) {
            byFacet.put(facet, new ArrayList<>());
        }
        counts.forEach((combined, count) -> {
            SearchDocuments.Facet facet = SearchDocuments.Facet.of(combined);
            if (facet != null) {
                byFacet.get(facet).add(new FacetValue(combined.substring(facet.key.length() + 1), count));
            }
        });
        Comparator<FacetValue> frequent = Comparator.comparingLong(FacetValue::count).reversed()
                .thenComparing(FacetValue::value);
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        byFacet.forEach((facet, values) -> {
            values.sort(frequent);
            List<FacetValue> shown = new ArrayList<>(values.subList(0, Math.min(facet.shown, values.size())));
            if (facet == SearchDocuments.Facet.YEAR) {
                shown.sort(Comparator.comparing(FacetValue::value).reversed());
            }
            facets.put(facet.key, List.copyOf(shown));
        });
        return java.util.Collections.unmodifiableMap(facets);
    }
}
