package dev.faultline.query.search;

import dev.faultline.api.query.FindIncidents;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.query.SearchResults;
import dev.faultline.api.query.SearchResults.Hit;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.projection.dsl.CompositeProjectionValueStep;
import org.hibernate.search.engine.search.projection.dsl.SearchProjectionFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Full-text search over the incident index, in the Hibernate Search DSL only (so the
 * Elasticsearch/OpenSearch backend stays a configuration change): the page ranked in two phases
 * ({@link SearchPredicates}), its highlights, and the total and facets counted beside it. A word
 * of four letters or more that matches nothing in the index is taken for a typo and matched with
 * one edit against names, titles and labels.
 */
@ApplicationScoped
public class IncidentSearch {

    private final SearchIndexes indexes;
    /** Which query words exist in the serving index: looked up once, until the index changes. */
    private final IndexVersionCache<String, Boolean> knownWords;

    /** Threads of the facet passes, which run beside the same search's own thread. */
    private final java.util.concurrent.ExecutorService sidePool = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread thread = new Thread(r, "search-side");
                thread.setDaemon(true);
                return thread;
            });

    private final SearchHighlights highlighting = new SearchHighlights();

    private final SearchCounts counts;

    /** How many of the first phase's best hits the full model ranks again. */
    private final int rescoreWindow;

    IncidentSearch(SearchIndexes indexes,
                   @ConfigProperty(name = "faultline.search.count-cache-size", defaultValue = "1000") int countCacheSize,
                   @ConfigProperty(name = "faultline.search.rescore-window", defaultValue = "50") int rescoreWindow) {
        if (rescoreWindow < 1) {
            throw new IllegalArgumentException("faultline.search.rescore-window must be at least 1, not " + rescoreWindow);
        }
        this.indexes = indexes;
        this.rescoreWindow = rescoreWindow;
        this.counts = new SearchCounts(indexes, sidePool, countCacheSize);
        this.knownWords = new IndexVersionCache<>(indexes, 10_000);
    }

    @jakarta.annotation.PreDestroy
    void close() {
        sidePool.shutdownNow();
    }

    /** @throws IllegalArgumentException when the query is too large for the engine to run cheaply */
    public SearchResults search(SearchIncidents query) {
        long started = System.nanoTime();
        SearchIndexes.Generation generation = indexes.active();
        try {
            return search(query, generation, started);
        } catch (SearchException e) {
            if (indexes.active() != generation) {
                // the index was swapped by a rebuild while this search ran: ask the new one
                return search(query, indexes.active(), started);
            }
            throw e;
        }
    }

    private SearchResults search(SearchIncidents query, SearchIndexes.Generation generation, long started) {
        try (SearchSession session = generation.mapping().createSession()) {
            String typos = unknownWords(session, query.text(), knownWords.of(generation));
            // the exact total and the facets: an unscored pass over every match (or its cached
            // result), on another core while this thread ranks the page and highlights it
            CompletableFuture<SearchCounts.Counts> counting = counts.of(generation, query, typos);
            List<Row> rows = page(session, generation, query, typos);
            if (generation.bm25Factor() != 1f) {
                // in Lucene's BM25 units on every engine
                rows = rows.stream().map(row -> row.scoredBy(row.score() / generation.bm25Factor())).toList();
            }
            Map<String, Map<String, List<String>>> highlights = highlighting.of(generation, session,
                    rows.stream().map(Row::id).toList(), query.text());
            List<Hit> hits = new ArrayList<>(rows.size());
            for (Row row : rows) {
                hits.add(row.hit(highlights.getOrDefault(row.id(), Map.of())));
            }
            SearchCounts.Counts counted = joined(counting);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            return new SearchResults(counted.total(), tookMs, hits, counted.facets());
        } catch (RuntimeException e) {
            // the highlighter runs Lucene directly (LuceneHighlights): its failures are not
            // wrapped in a SearchException
            throw translated(e);
        }
    }

    /**
     * The page's rows (id, title, organization, startedAt, severity, status, score). By relevance,
     * in two phases: the first phase's best {@link #rescoreWindow} hits are ranked again by the full
     * model, and that order stands for them; hits beyond the window keep the first phase's order,
     * so that pages never overlap or skip (docs/decisions.md, "Relevance in two phases").
     */
    private List<Row> page(SearchSession session, SearchIndexes.Generation generation, SearchIncidents query, String typos) {
        int offset = query.page() * query.size();
        int end = offset + query.size();
        if (byStart(query) || offset >= rescoreWindow) {
            return firstPhase(session, query, typos, offset, query.size());
        }
        List<String> window = session.search(SearchDocument.class)
                .select(f -> f.id(String.class))
                .where((f, root) -> root.add(SearchPredicates.matching(f, query, typos)))
                .sort(IncidentSearch::bestFirst)
                // the ranking counts no hits (the counting pass does): Lucene may skip any that cannot make the window
                .totalHitCountThreshold(rescoreWindow)
                .fetchHits(rescoreWindow);
        if (offset >= window.size()) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>(session.search(SearchDocument.class)
                .select(IncidentSearch::columns)
                // every hit of the window stays, scored by the full model (0 if it matches none of its clauses)
                .where(f -> f.bool().filter(f.id().matchingAny(window))
                        .should(SearchPredicates.relevance(f, query.text(), typos, generation.bm25Factor())))
                .sort(IncidentSearch::bestFirst)
                .fetchHits(offset, Math.min(end, window.size()) - offset));
        if (end > rescoreWindow && window.size() == rescoreWindow) {
            rows.addAll(firstPhase(session, query, typos, rescoreWindow, end - rescoreWindow));
        }
        return rows;
    }

    private List<Row> firstPhase(SearchSession session, SearchIncidents query, String typos, int offset, int limit) {
        return session.search(SearchDocument.class)
                .select(IncidentSearch::columns)
                .where((f, root) -> root.add(SearchPredicates.matching(f, query, typos)))
                .sort(f -> byStart(query) ? f.field("startedAt").desc().then().score() : bestFirst(f))
                // no exact count here: Lucene may then skip documents that cannot reach the page
                .totalHitCountThreshold(offset + limit)
                .fetchHits(offset, limit);
    }

    /** Newest first: asked for, or nothing to rank by. */
    private static boolean byStart(SearchIncidents query) {
        return query.sort() == SearchIncidents.Sort.STARTED_AT || SearchPredicates.blank(query.text());
    }

    /** Highest score first, the newest first among equal scores. */
    private static SortFinalStep bestFirst(SearchSortFactory f) {
        return f.score().then().field("startedAt").desc();
    }

    /** One hit of a page, as the index stores it: what a {@link Hit} shows besides its highlights. */
    record Row(String id, String title, String organization, Instant startedAt, String severity, String status,
               float score) {

        Row scoredBy(float newScore) {
            return new Row(id, title, organization, startedAt, severity, status, newScore);
        }

        Hit hit(Map<String, List<String>> highlights) {
            return new Hit(id, title, organization, startedAt, Severity.valueOf(severity), IncidentStatus.valueOf(status),
                    score, highlights);
        }
    }

    private static CompositeProjectionValueStep<?, Row> columns(SearchProjectionFactory<?, ?> f) {
        // more than three components: the DSL hands them over as a list, turned into the record here only
        return f.composite().from(
                f.id(String.class).toProjection(),
                f.field("title", String.class).toProjection(),
                f.field("organization", String.class).toProjection(),
                f.field("startedAt", Instant.class).toProjection(),
                f.field("severity", String.class).toProjection(),
                f.field("status", String.class).toProjection(),
                f.score().toProjection()).asList(c -> new Row((String) c.get(0), (String) c.get(1), (String) c.get(2),
                (Instant) c.get(3), (String) c.get(4), (String) c.get(5), (Float) c.get(6)));
    }

    /**
     * A page of a catalogue listing that filters by text or labels, which only the index holds: the
     * ids in the listing's order and the exact total. Text here filters (the same matching as a
     * search, typos included); it does not rank.
     */
    public Page<String> list(FindIncidents query) {
        SearchIncidents filters = new SearchIncidents(query.text(), query.organization(), query.labels(),
                query.severity(), query.status(), query.from(), query.to(), SearchIncidents.Sort.STARTED_AT,
                query.page(), query.size());
        SearchIndexes.Generation generation = indexes.active();
        try {
            return list(query, filters, generation);
        } catch (SearchException e) {
            if (indexes.active() != generation) {
                // the index was swapped by a rebuild while this listing ran: ask the new one, as a search does
                return list(query, filters, indexes.active());
            }
            throw translated(e);
        }
    }

    private Page<String> list(FindIncidents query, SearchIncidents filters, SearchIndexes.Generation generation) {
        try (SearchSession session = generation.mapping().createSession()) {
            String typos = unknownWords(session, filters.text(), knownWords.of(generation));
            SearchResult<String> result = session.search(SearchDocument.class)
                    .select(f -> f.id(String.class))
                    .where((f, root) -> root.add(SearchPredicates.matching(f, filters, typos)))
                    .sort(f -> listOrder(f, query.sort()))
                    .fetch(query.page() * query.size(), query.size());
            return new Page<>(result.total().hitCount(), query.page(), query.size(), result.hits());
        }
    }

    /** The catalogue's orders (IncidentCatalogueProjection#find), ties broken the same way. */
    private static SortFinalStep listOrder(SearchSortFactory f, FindIncidents.Sort sort) {
        String field = switch (sort.field()) {
            case STARTED_AT -> "startedAt";
            case TITLE -> "title_key";
            case ORGANIZATION -> "organization_key";
            case SEVERITY -> "severity";
        };
        var first = sort.descending() ? f.field(field).desc() : f.field(field).asc();
        return sort.field() == FindIncidents.Sort.Field.STARTED_AT || sort.field() == FindIncidents.Sort.Field.TITLE
                ? first.then().field(SearchDocument.ID_KEYWORD).asc()
                : first.then().field("startedAt").desc().then().field(SearchDocument.ID_KEYWORD).asc();
    }

    /** The ids of every incident matching the text (blank: all), best first by the first phase; for bulk exports. */
    public List<String> matchingIds(String text) {
        SearchIncidents query = new SearchIncidents(text, null, List.of(), null, null, null, null,
                SearchIncidents.Sort.RELEVANCE, 0, 1);
        String typos = "";
        try (SearchSession session = indexes.active().mapping().createSession()) {
            return all(session.search(SearchDocument.class)
                    .select(f -> f.id(String.class))
                    .where((f, root) -> root.add(SearchPredicates.matching(f, query, typos)))
                    .sort(IncidentSearch::bestFirst)
                    .toQuery());
        } catch (SearchException e) {
            throw translated(e);
        }
    }

    /** Every indexed document's id with the incident version and event position it was built from. */
    public Map<String, List<Object>> inventory() {
        try (SearchSession session = indexes.active().mapping().createSession()) {
            Map<String, List<Object>> inventory = new java.util.TreeMap<>();
            all(session.search(SearchDocument.class)
                    .select(f -> f.composite().from(f.id(String.class), f.field("version", Long.class),
                            f.field("position", Long.class)).as(Built::new))
                    .where(f -> f.matchAll())
                    .toQuery())
                    .forEach(built -> inventory.put(built.id(), List.of(built.version(), built.position())));
            return inventory;
        }
    }

    /**
     * Every hit, read in chunks: OpenSearch answers at most 10,000 hits to one request
     * ({@code index.max_result_window}); a scroll has no such bound on either backend.
     */
    private static <T> List<T> all(org.hibernate.search.engine.search.query.SearchQuery<T> query) {
        List<T> hits = new ArrayList<>();
        try (org.hibernate.search.engine.search.query.SearchScroll<T> scroll = query.scroll(1_000)) {
            for (var chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
                hits.addAll(chunk.hits());
            }
        }
        return hits;
    }

    /** An indexed document: the incident, and the version and event position it was built from. */
    private record Built(String id, Long version, Long position) {
    }

    /**
     * The query's words that match nothing in the index: likely typos, which get a fuzzy clause on
     * names, titles and labels. Each lookup stops at the first hit; keeping the (costly, and
     * imprecise) fuzzy matching off words that exist is what makes it affordable.
     */
    private static String unknownWords(SearchSession session, String text, Map<String, Boolean> known) {
        if (SearchPredicates.blank(text)) {
            return "";
        }
        List<String> unknown = new ArrayList<>();
        for (String word : SearchPredicates.positiveWords(text).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            Boolean exists = known.get(word);
            if (exists == null) {
                exists = exists(session, word);
                known.put(word, exists);
            }
            if (!exists) {
                unknown.add(word);
            }
        }
        return String.join(" ", unknown);
    }

    private static boolean exists(SearchSession session, String word) {
        return session.search(SearchDocument.class)
                .where(f -> f.simpleQueryString().fields(SearchPredicates.FIELDS.keySet().toArray(String[]::new)).field("spelling")
                        .matching(word).flags(EnumSet.noneOf(SimpleQueryFlag.class)))
                .totalHitCountThreshold(1).fetch(0).total().hitCountLowerBound() > 0;
    }


    static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A query too large for the engine is the user's doing: IllegalArgumentException (400); others unchanged. */
    static RuntimeException translated(RuntimeException e) {
        return causedByTooManyClauses(e) ? new IllegalArgumentException("the query has too many terms", e) : e;
    }

    private static boolean causedByTooManyClauses(Throwable e) {
        // by name, so this class stays free of Lucene types; TooManyNestedClauses is a subclass
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getSimpleName().equals("TooManyClauses")) {
                    return true;
                }
            }
        }
        return false;
    }
}
