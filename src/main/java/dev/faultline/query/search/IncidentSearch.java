package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.query.SearchResults;
import dev.faultline.api.query.SearchResults.Hit;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.projection.SearchProjection;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.util.common.SearchException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Full-text search over the incident index, in the Hibernate Search DSL only (so the
 * Elasticsearch/OpenSearch backend stays a configuration change). What users type goes through
 * the simple query string parser with a bounded feature set — words, "phrases", -exclusion,
 * OR/|, + and parentheses; no wildcards, fuzzy or proximity operators — which never throws on
 * syntax. A word of four letters or more that matches nothing in the index is taken for a typo
 * and matched with one edit against names, titles and labels.
 */
@ApplicationScoped
public class IncidentSearch {

    /** Text fields and their weights: what an incident is about counts more than what was said in passing. */
    static final Map<String, Float> FIELDS = fields();

    /** Fields holding passages of prose, where all the query's words together mark a strong match. */
    static final List<String> PASSAGES = List.of("title", "summary", "statements", "rootCauses", "timeline");

    /** Score added per passage field that holds every word of the query (see docs/decisions.md). */
    private static final float PASSAGE_BONUS = 60f;

    static final Pattern EXCLUDED = Pattern.compile("(?:^|\\s)-(\"[^\"]*\"?|\\S+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{4,}");

    /**
     * Hits the ranking query counts exactly before it may skip documents that cannot make the page
     * (block-max WAND); the exact total comes from the unscored facet pass.
     */
    private static final int RANKING_HIT_COUNT_THRESHOLD = 1_000;

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

    IncidentSearch(SearchIndexes indexes,
                   @ConfigProperty(name = "faultline.search.count-cache-size", defaultValue = "1000") int countCacheSize) {
        this.indexes = indexes;
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
            SearchResult<List<?>> result = session.search(SearchDocument.class)
                    .select(f -> {
                        List<SearchProjection<?>> columns = new ArrayList<>(List.of(
                                f.id(String.class).toProjection(),
                                f.field("title", String.class).toProjection(),
                                f.field("organization", String.class).toProjection(),
                                f.field("startedAt", Instant.class).toProjection(),
                                f.field("severity", String.class).toProjection(),
                                f.field("status", String.class).toProjection(),
                                f.score().toProjection()));
                        return f.composite().from(columns.toArray(SearchProjection[]::new)).asList();
                    })
                    .where((f, root) -> root.add(predicate(f, query, typos)))
                    .sort(f -> query.sort() == SearchIncidents.Sort.STARTED_AT || blank(query.text())
                            ? f.field("startedAt").desc().then().score()
                            : f.score().then().field("startedAt").desc())
                    // no exact count here: Lucene may then skip documents that cannot reach the page
                    .totalHitCountThreshold(RANKING_HIT_COUNT_THRESHOLD)
                    .fetch(query.page() * query.size(), query.size());

            Map<String, Map<String, List<String>>> highlights = highlighting.of(generation, session,
                    result.hits().stream().map(row -> (String) row.get(0)).toList(), query.text());
            List<Hit> hits = new ArrayList<>(result.hits().size());
            for (List<?> row : result.hits()) {
                hits.add(hit(row, highlights.getOrDefault((String) row.get(0), Map.of())));
            }
            SearchCounts.Counts counted = joined(counting);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            return new SearchResults(counted.total(), tookMs, hits, counted.facets());
        } catch (RuntimeException e) {
            // the counting pass runs Lucene directly (LuceneFacetCounts): its failures are not
            // wrapped in a SearchException
            throw translated(e);
        }
    }

    /** The ids of every incident matching the text (blank: all), best first; for bulk exports. */
    public List<String> matchingIds(String text) {
        SearchIncidents query = new SearchIncidents(text, null, List.of(), null, null, null, null,
                SearchIncidents.Sort.RELEVANCE, 0, 1);
        String typos = "";
        try (SearchSession session = indexes.active().mapping().createSession()) {
            return session.search(SearchDocument.class)
                    .select(f -> f.id(String.class))
                    .where((f, root) -> root.add(predicate(f, query, typos)))
                    .sort(f -> f.score().then().field("startedAt").desc())
                    .fetchAllHits();
        } catch (SearchException e) {
            throw translated(e);
        }
    }

    /** Every indexed document's id with the incident version and event position it was built from. */
    public Map<String, List<Object>> inventory() {
        try (SearchSession session = indexes.active().mapping().createSession()) {
            Map<String, List<Object>> inventory = new java.util.TreeMap<>();
            session.search(SearchDocument.class)
                    .select(f -> f.composite().from(f.id(String.class), f.field("version", Long.class),
                            f.field("position", Long.class)).asList())
                    .where(f -> f.matchAll())
                    .fetchAllHits()
                    .forEach(row -> inventory.put((String) row.get(0), List.of(row.get(1), row.get(2))));
            return inventory;
        }
    }

    /**
     * The query's words that match nothing in the index: likely typos, which get a fuzzy clause on
     * names, titles and labels. Each lookup stops at the first hit; keeping the (costly, and
     * imprecise) fuzzy matching off words that exist is what makes it affordable.
     */
    private static String unknownWords(SearchSession session, String text, Map<String, Boolean> known) {
        if (blank(text)) {
            return "";
        }
        List<String> unknown = new ArrayList<>();
        for (String word : positiveWords(text).split(" ")) {
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
                .where(f -> f.simpleQueryString().fields(FIELDS.keySet().toArray(String[]::new)).field("spelling")
                        .matching(word).flags(EnumSet.noneOf(SimpleQueryFlag.class)))
                .totalHitCountThreshold(1).fetch(0).total().hitCountLowerBound() > 0;
    }

    static SearchPredicate predicate(SearchPredicateFactory f, SearchIncidents query, String typos) {
        return f.bool(b -> {
            String text = query.text();
            if (blank(text)) {
                b.must(f.matchAll());
            } else {
                b.must(f.bool(relevance -> {
                    relevance.should(f.bool().must(simple(f, text, FIELDS.keySet(), BooleanOperator.OR)).boost(2f));
                    // a passage that holds every word (one statement, one summary) is what people mean;
                    // pointless for a single word, which every matching field holds
                    boolean multiWord = positiveWords(text).contains(" ") || text.strip().contains(" ");
                    for (String passage : multiWord ? PASSAGES : List.<String>of()) {
                        relevance.should(f.bool().must(simple(f, text, List.of(passage), BooleanOperator.AND))
                                .constantScore().boost(PASSAGE_BONUS));
                    }
                    if (!typos.isEmpty()) {
                        relevance.should(f.match().field("spelling").matching(typos).fuzzy(1, 1).boost(2f));
                    }
                }));
                Matcher excluded = EXCLUDED.matcher(text);
                while (excluded.find()) {
                    String term = excluded.group(1).replace("\"", " ").trim();
                    if (!term.isEmpty()) {
                        b.mustNot(simple(f, "\"" + term + "\"", FIELDS.keySet(), BooleanOperator.OR));
                    }
                }
            }
            if (query.organization() != null) {
                b.filter(f.match().field("organization_key").matching(query.organization()));
            }
            for (String label : query.labels()) {
                b.filter(f.match().field("labels").matching(label));
            }
            if (query.severity() != null) {
                b.filter(f.match().field("severity").matching(query.severity().name()));
            }
            if (query.status() != null) {
                b.filter(f.match().field("status").matching(query.status().name()));
            }
            if (query.from() != null || query.to() != null) {
                b.filter(f.range().field("startedAt").between(query.from(), query.to()));
            }
        }).toPredicate();
    }

    private static SearchPredicate simple(SearchPredicateFactory f, String text, java.util.Collection<String> fields,
                                          BooleanOperator operator) {
        var step = f.simpleQueryString().field(fields.iterator().next());
        for (String field : fields) {
            step = step.field(field).boost(FIELDS.getOrDefault(field, 1f));
        }
        return step.matching(text)
                .defaultOperator(operator)
                .flags(SimpleQueryFlag.AND, SimpleQueryFlag.OR, SimpleQueryFlag.NOT, SimpleQueryFlag.PHRASE,
                        SimpleQueryFlag.PRECEDENCE, SimpleQueryFlag.WHITESPACE, SimpleQueryFlag.ESCAPE)
                .toPredicate();
    }

    /** The words of the query that are not excluded, for typo-tolerant matching. */
    static String positiveWords(String text) {
        String positive = EXCLUDED.matcher(text).replaceAll(" ");
        Matcher words = WORD.matcher(positive);
        List<String> found = new ArrayList<>();
        while (words.find() && found.size() < 16) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (!word.equals("and") && !word.equals("or")) {
                found.add(word);
            }
        }
        return String.join(" ", found);
    }

    private static Hit hit(List<?> row, Map<String, List<String>> highlights) {
        return new Hit((String) row.get(0), (String) row.get(1), (String) row.get(2), (Instant) row.get(3),
                Severity.valueOf((String) row.get(4)), IncidentStatus.valueOf((String) row.get(5)),
                (Float) row.get(6), highlights);
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

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, Float> fields() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put("title", 3.0f);
        fields.put("rootCauses", 2.5f);
        fields.put("summary", 2.0f);
        fields.put("organization_text", 2.0f);
        fields.put("labelText", 1.5f);
        fields.put("statements", 1.5f);
        fields.put("details", 1.0f);
        fields.put("history", 0.3f);
        return fields;
    }
}
