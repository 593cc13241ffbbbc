package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;

/**
 * The predicates of a search, in the Hibernate Search DSL. A search is ranked in two phases
 * (docs/decisions.md, "Relevance in two phases"):
 * <ul>
 *   <li>{@link #matching}: which incidents match, and a first, cheap ranking — BM25 over the title,
 *       the combined {@code content} field and the low-weight {@code history}. It decides the total,
 *       the facets and the order beyond the rescored window.</li>
 *   <li>{@link #relevance}: the full ranking model, applied to the first phase's best hits only —
 *       BM25 over eight weighted fields, a bonus per prose field holding every word of the query,
 *       and fuzzy matching of unknown words.</li>
 * </ul>
 * What users type goes through the simple query string parser with a bounded feature set — words,
 * "phrases", -exclusion, OR/|, + and parentheses; no wildcards, fuzzy or proximity operators —
 * which never throws on syntax.
 */
final class SearchPredicates {

    /** Text fields of the full model and their weights: what an incident is about counts more than what was said in passing. */
    static final Map<String, Float> FIELDS = fields();

    /** The first phase's fields: all current text in one field, the title again, and retracted facts. */
    static final Map<String, Float> FIRST_PHASE_FIELDS = firstPhaseFields();

    /** Fields holding passages of prose, where all the query's words together mark a strong match. */
    static final List<String> PASSAGES = List.of("title", "summary", "statements", "rootCauses", "timeline");

    /** Score added per passage field that holds every word of the query (see docs/decisions.md). */
    private static final float PASSAGE_BONUS = 60f;

    static final Pattern EXCLUDED = Pattern.compile("(?:^|\\s)-(\"[^\"]*\"?|\\S+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{4,}");

    private SearchPredicates() {
    }

    /**
     * The incidents matching the query (its words, exclusions and filters), scored by the first
     * phase's cheap model. {@code typos}: the query's words unknown to the index, matched fuzzily.
     */
    static SearchPredicate matching(SearchPredicateFactory f, SearchIncidents query, String typos) {
        return f.bool(b -> {
            String text = query.text();
            if (blank(text)) {
                b.must(f.matchAll());
            } else {
                b.must(f.bool(first -> {
                    first.should(f.bool().must(simple(f, text, FIRST_PHASE_FIELDS, BooleanOperator.OR)).boost(2f));
                    typos(f, first, typos);
                }));
                Matcher excluded = EXCLUDED.matcher(text);
                while (excluded.find()) {
                    String term = excluded.group(1).replace("\"", " ").trim();
                    if (!term.isEmpty()) {
                        b.mustNot(simple(f, "\"" + term + "\"", FIRST_PHASE_FIELDS, BooleanOperator.OR));
                    }
                }
            }
            if (query.organization() != null) {
                b.filter(f.match().field("organization_key").matching(query.organization()));
            }
            for (String label : query.labels()) {
                // a family matches any of its members
                b.filter(f.terms().field("labels").matchingAny(dev.faultline.taxonomy.Taxonomy.current().matching(label)));
            }
            if (query.severity() != null) {
                b.filter(f.match().field("severity").matching(query.severity().name()));
            }
            if (query.status() != null) {
                b.filter(f.match().field("status").matching(query.status().name()));
            }
            if (query.from() != null || query.to() != null) {
                // from inclusive, to exclusive (docs/api.md): the DSL's between() includes both ends
                b.filter(f.range().field("startedAt").within(org.hibernate.search.util.common.data.Range.between(
                        query.from(), org.hibernate.search.util.common.data.RangeBoundInclusion.INCLUDED,
                        query.to(), org.hibernate.search.util.common.data.RangeBoundInclusion.EXCLUDED)));
            }
        }).toPredicate();
    }

    /**
     * The full ranking model for a non-blank query: only a score, no restriction (the caller
     * restricts it to the first phase's hits, which all stay in the result whatever they score).
     */
    static SearchPredicate relevance(SearchPredicateFactory f, String text, String typos, float bm25Factor) {
        return f.bool(relevance -> {
            relevance.should(f.bool().must(simple(f, text, FIELDS, BooleanOperator.OR)).boost(2f));
            // a passage that holds every word (one statement, one summary) is what people mean;
            // pointless for a single word, which every matching field holds
            boolean multiWord = positiveWords(text).contains(" ") || text.strip().contains(" ");
            for (String passage : multiWord ? PASSAGES : List.<String>of()) {
                relevance.should(f.bool().must(simple(f, text, Map.of(passage, 1f), BooleanOperator.AND))
                        .constantScore().boost(PASSAGE_BONUS * bm25Factor));
            }
            typos(f, relevance, typos);
        }).toPredicate();
    }

    private static void typos(SearchPredicateFactory f, BooleanPredicateClausesStep<?, ?> clauses, String typos) {
        if (!typos.isEmpty()) {
            clauses.should(f.match().field("spelling").matching(typos).fuzzy(1, 1).boost(2f));
        }
    }

    private static SearchPredicate simple(SearchPredicateFactory f, String text, Map<String, Float> fields,
                                          BooleanOperator operator) {
        var step = f.simpleQueryString().field(fields.keySet().iterator().next());
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            step = step.field(field.getKey()).boost(field.getValue());
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

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Map<String, Float> firstPhaseFields() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put("title", 3.0f);
        fields.put(SearchDocument.CONTENT, 1.0f);
        fields.put("history", 0.3f);
        return fields;
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
