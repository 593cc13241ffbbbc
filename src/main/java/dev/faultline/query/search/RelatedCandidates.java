package dev.faultline.query.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.faultline.taxonomy.Taxonomy;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * What related-incident search asks of the search index, in the Hibernate Search DSL: how rare
 * each label and word is across the catalogue, and which incidents share labels, links or words
 * with a given one. Statistics are cached until the index changes.
 */
@ApplicationScoped
public class RelatedCandidates {

    private static final AggregationKey<Map<String, Long>> LABELS = AggregationKey.of("labels");

    private final SearchIndexes indexes;
    private final IndexVersionCache<String, Long> wordFrequencies;
    private volatile LabelStatistics labelStatistics;

    RelatedCandidates(SearchIndexes indexes) {
        this.indexes = indexes;
        this.wordFrequencies = new IndexVersionCache<>(indexes, 20_000);
    }

    /** How many incidents carry each label, and how many incidents there are. */
    public record LabelStatistics(long incidents, Map<String, Long> labels, long indexVersion) {
    }

    public LabelStatistics labelStatistics() {
        long version = indexes.version();
        LabelStatistics cached = labelStatistics;
        if (cached != null && cached.indexVersion() == version) {
            return cached;
        }
        try (SearchSession session = indexes.active().mapping().createSession()) {
            SearchResult<String> result = session.search(SearchDocument.class)
                    .select(f -> f.id(String.class))
                    .where(f -> f.matchAll())
                    .aggregation(LABELS, f -> f.terms().field("labels", String.class).maxTermCount(100_000))
                    .fetch(0);
            cached = new LabelStatistics(result.total().hitCount(), result.aggregation(LABELS), version);
        }
        labelStatistics = cached;
        return cached;
    }

    /** In how many incidents' text a word occurs. */
    public long incidentsWithWord(String word) {
        return wordFrequencies.of(indexes.active()).computeIfAbsent(word, w -> {
            try (SearchSession session = indexes.active().mapping().createSession()) {
                return session.search(SearchDocument.class)
                        .where(f -> f.match().field("content").matching(w))
                        .fetchTotalHitCount();
            }
        });
    }

    /**
     * What every candidate must be, applied inside the candidate queries so that a narrow filter still
     * fills a page: started before {@code startedBefore} (null: any time), of one of
     * {@code organizations} (empty: any), of none of {@code excludedOrganizations}, carrying each of
     * {@code labels} (each a label or a family, which matches its members). Organizations match
     * without regard to case.
     */
    public record Filter(Instant startedBefore, Set<String> organizations, Set<String> excludedOrganizations,
                         Set<String> labels) {

        public static final Filter NONE = new Filter(null, Set.of(), Set.of(), Set.of());

        void apply(SearchPredicateFactory f, BooleanPredicateClausesStep<?, ?> b) {
            if (startedBefore != null) {
                b.filter(f.range().field("startedAt").lessThan(startedBefore));
            }
            if (!organizations.isEmpty()) {
                b.filter(f.bool(any -> organizations.forEach(o -> any.should(f.match().field("organization_key").matching(o)))));
            }
            excludedOrganizations.forEach(o -> b.mustNot(f.match().field("organization_key").matching(o)));
            labels.forEach(l -> b.filter(f.terms().field("labels").matchingAny(Taxonomy.current().matching(l))));
        }
    }

    /** Incidents sharing the weighted labels, best first (ids with their scores). */
    public Map<String, Float> byLabels(String excluded, Map<String, Float> weightedLabels, Filter filter, int size) {
        if (weightedLabels.isEmpty()) {
            return Map.of();
        }
        return best(session -> session.search(SearchDocument.class)
                .select(f -> f.composite().from(f.id(String.class), f.score()).as(Scored::new))
                .where(f -> f.bool(b -> {
                    weightedLabels.forEach((label, weight) ->
                            b.should(f.match().field("labels").matching(label).constantScore().boost(weight)));
                    b.minimumShouldMatchNumber(1);
                    b.mustNot(f.id().matching(excluded));
                    filter.apply(f, b);
                })).totalHitCountThreshold(size).fetchHits(size));
    }

    /** Incidents whose text matches any of the given words best (BM25 over the combined content), best first. */
    public Map<String, Float> byText(String excluded, Collection<String> words, Filter filter, int size) {
        if (words.isEmpty()) {
            return Map.of();
        }
        // one optional clause per word: any of them may match, and the scores add up; in Lucene's BM25 units
        float factor = indexes.active().bm25Factor();
        Map<String, Float> scored = best(session -> session.search(SearchDocument.class)
                .select(f -> f.composite().from(f.id(String.class), f.score()).as(Scored::new))
                .where(f -> f.bool(b -> {
                    b.must(f.bool(any -> words.forEach(w -> any.should(f.match().field("content").matching(w)))));
                    b.mustNot(f.id().matching(excluded));
                    filter.apply(f, b);
                })).totalHitCountThreshold(size).fetchHits(size));
        if (factor != 1f) {
            scored.replaceAll((id, score) -> score / factor);
        }
        return scored;
    }

    /** The incidents whose why-vector is nearest to {@code vector} (k-NN over HNSW), with their cosine similarity. */
    public Map<String, Float> byMeaning(String excluded, float[] vector, Filter filter, int size) {
        byte[] query = vector == null ? null : dev.faultline.query.semantic.Vectors.quantized(vector);
        if (query == null) {
            return Map.of();
        }
        Map<String, Float> similarity = new LinkedHashMap<>();
        // COSINE scores are (1 + cosine) / 2
        best(session -> session.search(SearchDocument.class)
                .select(f -> f.composite().from(f.id(String.class), f.score()).as(Scored::new))
                .where(f -> f.knn(size).field(SearchDocument.WHY_VECTOR).matching(query)
                        .filter(f.bool(b -> {
                            b.mustNot(f.id().matching(excluded));
                            filter.apply(f, b);
                        })))
                .totalHitCountThreshold(size).fetchHits(size)).forEach((id, score) -> similarity.put(id, 2 * score - 1));
        return similarity;
    }

    /** What related-incident scoring needs of an incident, as the index holds it now. */
    public record Profile(String id, String title, String organization, Instant startedAt, Set<String> labels,
                          Set<String> links, Set<String> words, List<String> sentences) {

        // text never holds control characters (they are refused on input), so two of them separate
        private static final String FIELD = "\u001e";
        private static final String VALUE = "\u001f";

        /** This profile as one stored value ({@link SearchDocument#related}). */
        public String encoded() {
            return String.join(FIELD, id, nullToEmpty(title), nullToEmpty(organization),
                    startedAt == null ? "" : startedAt.toString(), String.join(VALUE, labels),
                    String.join(VALUE, links), String.join(VALUE, words), String.join(VALUE, sentences));
        }

        static Profile decoded(String encoded) {
            String[] f = encoded.split(FIELD, -1);
            return new Profile(f[0], emptyToNull(f[1]), emptyToNull(f[2]), f[3].isEmpty() ? null : Instant.parse(f[3]),
                    new LinkedHashSet<>(values(f[4])), new LinkedHashSet<>(values(f[5])),
                    new LinkedHashSet<>(values(f[6])), values(f[7]));
        }

        private static List<String> values(String joined) {
            return joined.isEmpty() ? List.of() : List.of(joined.split(VALUE, -1));
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }

        private static String emptyToNull(String s) {
            return s.isEmpty() ? null : s;
        }
    }

    /** The profiles of these incidents (those the index holds), by id. */
    public Map<String, Profile> profiles(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (SearchSession session = indexes.active().mapping().createSession()) {
            Map<String, Profile> profiles = new LinkedHashMap<>();
            session.search(SearchDocument.class)
                    .select(f -> f.field("related", String.class))
                    .where(f -> f.terms().field(SearchDocument.ID_KEYWORD).matchingAny(List.copyOf(ids)))
                    .fetchHits(ids.size())
                    .forEach(encoded -> {
                        Profile profile = Profile.decoded(encoded);
                        profiles.put(profile.id(), profile);
                    });
            return profiles;
        }
    }

    /** Incidents that link to {@code incidentId}. */
    public List<String> linkingTo(String incidentId) {
        try (SearchSession session = indexes.active().mapping().createSession()) {
            return session.search(SearchDocument.class)
                    .select(f -> f.id(String.class))
                    .where(f -> f.match().field("links").matching(incidentId))
                    .fetchHits(1_000);
        }
    }

    /** A candidate and its score in one query. */
    private record Scored(String id, Float score) {
    }

    private Map<String, Float> best(java.util.function.Function<SearchSession, List<Scored>> query) {
        try (SearchSession session = indexes.active().mapping().createSession()) {
            Map<String, Float> best = new LinkedHashMap<>();
            for (Scored hit : query.apply(session)) {
                best.put(hit.id(), hit.score());
            }
            return best;
        }
    }
}
