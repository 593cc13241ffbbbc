package dev.faultline.query.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;
import org.hibernate.search.engine.search.projection.SearchProjection;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * Highlighted fragments for a page of hits: the user's words (not the ranking query, with its
 * field weights, passages, synonyms and typo clauses) matched on the evidence fields of the page's
 * hits, by Lucene's fast-vector highlighter through {@link LuceneHighlights}, or through the DSL
 * where that is not possible. Fragments are HTML-escaped text with {@code <em>} around matches.
 * The whole page is highlighted on the request's thread: split over two cores (as it was while
 * highlighting cost a third of a search) it was no faster once it cost a tenth.
 */
final class SearchHighlights {

    /** Fields whose matches are returned as highlighted fragments, in this order. */
    static final List<String> FIELDS = List.of("title", "summary", "rootCauses", "statements", "timeline", "history");

    private final LuceneHighlights lucene = new LuceneHighlights();

    /** Fragments per hit id and field. */
    Map<String, Map<String, List<String>>> of(SearchIndexes.Generation generation, SearchSession session,
                                              List<String> ids, String text) {
        String words = text == null ? "" : SearchPredicates.EXCLUDED.matcher(text).replaceAll(" ");
        if (ids.isEmpty() || words.isBlank()) {
            return Map.of();
        }
        SearchScope<SearchDocument> scope = generation.mapping().scope(SearchDocument.class);
        // Lucene's own highlighter needs the index on this node's disk; on OpenSearch, the engine highlights
        Map<String, Map<String, List<String>>> found = generation.directory() == null ? null
                : lucene.of(scope, matching(scope.predicate(), words), ids, FIELDS);
        return found != null ? found : throughDsl(session, ids, words);
    }

    /** The user's words, phrases and ORs on the evidence fields; exclusions already taken out. */
    static SearchPredicate matching(SearchPredicateFactory f, String words) {
        return f.simpleQueryString().fields(FIELDS.toArray(String[]::new)).matching(words)
                .defaultOperator(BooleanOperator.OR)
                .flags(SimpleQueryFlag.OR, SimpleQueryFlag.PHRASE, SimpleQueryFlag.WHITESPACE)
                .toPredicate();
    }

    /** The same fragments by Hibernate Search's own highlighter: the way on any backend, and the reference in tests. */
    static Map<String, Map<String, List<String>>> throughDsl(SearchSession session, List<String> ids, String words) {
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
                .where(f -> f.bool().filter(f.bool(any -> ids.forEach(id -> any.should(f.match().field(SearchDocument.ID_KEYWORD).matching(id)))))
                        .must(matching(f, words)))
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
