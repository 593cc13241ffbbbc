package dev.faultline.query.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.projection.SearchProjection;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * Highlighted fragments for a page of hits, from a second, small query: the page's ids and the
 * user's words on the evidence fields only. Highlighters rebuild their view of the query for every
 * field of every hit, so giving them this query instead of the ranking one (all fields, passages,
 * synonyms, typo clauses) keeps highlighting cheap; and the page's two halves are highlighted on
 * two cores. Fragments are HTML-escaped text with {@code <em>} around matches.
 */
final class SearchHighlights {

    /** Fields whose matches are returned as highlighted fragments, in this order. */
    static final List<String> FIELDS = List.of("title", "summary", "rootCauses", "statements", "timeline", "history");

    private final Executor pool;

    SearchHighlights(Executor pool) {
        this.pool = pool;
    }

    /** Fragments per hit id and field; the second half of the page on another core, the first half here. */
    Map<String, Map<String, List<String>>> of(SearchIndexes.Generation generation, SearchSession session,
                                              List<String> ids, String text) {
        if (ids.size() < 4) {
            return of(session, ids, text);
        }
        List<String> second = ids.subList(ids.size() / 2, ids.size());
        CompletableFuture<Map<String, Map<String, List<String>>>> other = CompletableFuture.supplyAsync(() -> {
            try (SearchSession own = generation.mapping().createSession()) {
                return of(own, second, text);
            }
        }, pool);
        Map<String, Map<String, List<String>>> all = new HashMap<>(of(session, ids.subList(0, ids.size() / 2), text));
        all.putAll(IncidentSearch.joined(other));
        return all;
    }

    private static Map<String, Map<String, List<String>>> of(SearchSession session, List<String> ids, String text) {
        if (ids.isEmpty() || text == null || text.isBlank()) {
            return Map.of();
        }
        String words = IncidentSearch.EXCLUDED.matcher(text).replaceAll(" ");
        if (words.isBlank()) {
            return Map.of();
        }
        List<List<?>> rows = session.search(SearchDocument.class)
                .select(f -> {
                    List<SearchProjection<?>> columns = new ArrayList<>();
                    columns.add(f.id(String.class).toProjection());
                    FIELDS.forEach(field -> columns.add(f.highlight(field).toProjection()));
                    return f.composite().from(columns.toArray(SearchProjection[]::new)).asList();
                })
                // plain term queries on a keyword copy of the id, not f.id() (a multi-term query): the
                // fast-vector highlighter rewrites multi-term queries against the term dictionary for
                // every field of every hit
                .where(f -> f.bool().filter(f.bool(any -> ids.forEach(id -> any.should(f.match().field("incidentId").matching(id)))))
                        .must(f.simpleQueryString().fields(FIELDS.toArray(String[]::new)).matching(words)
                                .defaultOperator(BooleanOperator.OR)
                                .flags(SimpleQueryFlag.OR, SimpleQueryFlag.PHRASE, SimpleQueryFlag.WHITESPACE)))
                .highlighter(h -> h.fastVector().tag("<em>", "</em>").encoder(HighlighterEncoder.HTML)
                        .numberOfFragments(2))
                .fetchHits(ids.size());
        Map<String, Map<String, List<String>>> byId = new HashMap<>();
        for (List<?> row : rows) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                @SuppressWarnings("unchecked")
                List<String> fragments = (List<String>) row.get(1 + i);
                if (fragments != null && !fragments.isEmpty()) {
                    fields.put(FIELDS.get(i), fragments);
                }
            }
            byId.put((String) row.get(0), fields);
        }
        return byId;
    }
}
