package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.query.SearchResults;
import dev.faultline.query.history.IncidentEventStream;
import dev.faultline.search.SearchSupport;
import dev.faultline.support.OpenSearchSeeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The same answers from both engines: the application runs on OpenSearch; beside it, this test
 * builds a Lucene index of the same documents (the seed incidents, folded the same way) and asks
 * both the same searches and the same k-NN questions.
 */
@QuarkusTest
@TestProfile(OpenSearchSeeded.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossBackendTest {

    private static final List<String> QUERIES = List.of(
            "latent bug after a routine configuration change", "cloudfare bot managment", "DNS race condition",
            "domain name system automation empty record", "regular expression backtracking",
            "backups failed database deleted", "maintenance command backbone", "channel file windows crash",
            "outage", "power", "\"feature file\"", "bgp -facebook", "certificate expired", "config rollout");

    @Inject
    IncidentSearch openSearch;

    @Inject
    RelatedCandidates openSearchCandidates;

    @Inject
    IncidentEventStream events;

    @Inject
    WhyVectors whyVectors;

    private SearchIndexes luceneIndexes;
    private IncidentSearch lucene;
    private RelatedCandidates luceneCandidates;
    private List<String> ids;
    private List<SearchDocument> documents;

    @BeforeEach
    void buildLuceneBeside() throws Exception {
        if (lucene != null) {
            return;
        }
        SearchSupport.awaitIndexCaughtUp();
        ids = new ArrayList<>(openSearch.inventory().keySet());
        assertThat(ids).hasSize(60);
        luceneIndexes = new SearchIndexes(Files.createTempDirectory("cross-backend"));
        SearchIndexes.Generation generation = luceneIndexes.open("cross-backend").generation();
        documents = SearchWriter.documents(events, ids, whyVectors);
        SearchWriter.write(generation, documents);
        lucene = new IncidentSearch(luceneIndexes, 1000, 50);
        luceneCandidates = new RelatedCandidates(luceneIndexes);
    }

    @AfterAll
    void close() {
        if (luceneIndexes != null) {
            luceneIndexes.closeAll();
        }
    }

    /**
     * Which incidents match, and their facets, are the same on both. The ranking is close but not
     * equal: OpenSearch's scores come out about twice Lucene's for the same query, and the order of
     * hits with near scores can differ (docs/decisions.md, "OpenSearch"); each engine's best hit is
     * among the other's first two, and their first ten share at least eight incidents.
     */
    @Test
    void searches_match_and_count_alike_and_rank_closely() {
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        for (String q : QUERIES) {
            SearchIncidents query = new SearchIncidents(q, null, List.of(), null, null, null, null,
                    SearchIncidents.Sort.RELEVANCE, 0, 10);
            SearchResults l = lucene.search(query);
            SearchResults o = openSearch.search(query);
            String scores = "Lucene " + scores(l) + ", OpenSearch " + scores(o);
            softly.assertThat(o.total()).as("total of %s", q).isEqualTo(l.total());
            softly.assertThat(o.facets()).as("facets of %s", q).isEqualTo(l.facets());
            if (l.hits().isEmpty()) {
                softly.assertThat(o.hits()).as("hits of %s", q).isEmpty();
                continue;
            }
            softly.assertThat(ids(o).subList(0, Math.min(2, o.hits().size()))).as("best of %s: %s", q, scores)
                    .contains(l.hits().get(0).id());
            softly.assertThat(ids(l).subList(0, Math.min(2, l.hits().size()))).as("best of %s: %s", q, scores)
                    .contains(o.hits().get(0).id());
            List<String> shared = new ArrayList<>(ids(l));
            shared.retainAll(ids(o));
            softly.assertThat(shared.size()).as("first ten of %s shared: %s", q, scores)
                    .isGreaterThanOrEqualTo(Math.min(l.hits().size(), 10) - 2);
        }
        softly.assertAll();
    }

    /** On the same stored text, both engines highlight the same fragments for a query without synonyms. */
    @Test
    void highlights_alike_without_synonyms() {
        for (String q : List.of("regular expression backtracking", "\"feature file\"", "power")) {
            SearchIncidents query = new SearchIncidents(q, null, List.of(), null, null, null, null,
                    SearchIncidents.Sort.RELEVANCE, 0, 10);
            Map<String, Object> l = highlights(lucene.search(query));
            Map<String, Object> o = highlights(openSearch.search(query));
            l.keySet().retainAll(o.keySet());
            assertThat(l).as("hits of %s", q).isNotEmpty();
            l.forEach((id, fragments) -> assertThat(o.get(id)).as("highlights of %s for %s", id, q).isEqualTo(fragments));
        }
    }

    private static Map<String, Object> highlights(SearchResults results) {
        Map<String, Object> byId = new java.util.HashMap<>();
        results.hits().forEach(hit -> byId.put(hit.id(), hit.highlights()));
        return byId;
    }

    /**
     * k-NN over the same quantized vectors: every incident both engines find has the same cosine
     * similarity, and OpenSearch's five nearest are never farther than Lucene's (its HNSW search
     * explores more of the graph by default, ef_search 100, where Lucene's explores k).
     */
    @Test
    void nearest_incidents_by_meaning_alike() {
        int compared = 0;
        for (SearchDocument document : documents) {
            String id = document.id;
            if (document.whySentences == null || document.whySentences.isEmpty()) {
                continue;
            }
            float[] vector = whyVectors.centroid(document.whySentences);
            Map<String, Float> l = luceneCandidates.byMeaning(id, vector, RelatedCandidates.Filter.NONE, 5);
            Map<String, Float> o = openSearchCandidates.byMeaning(id, vector, RelatedCandidates.Filter.NONE, 5);
            assertThat(o).as("nearest to %s", id).hasSameSizeAs(l);
            l.forEach((other, similarity) -> {
                if (o.containsKey(other)) {
                    assertThat(o.get(other)).as("similarity of %s to %s", other, id).isCloseTo(similarity, within(0.001f));
                }
            });
            float lucenesFarthest = l.values().stream().min(Float::compare).orElse(1f);
            float openSearchsFarthest = o.values().stream().min(Float::compare).orElse(1f);
            assertThat(openSearchsFarthest).as("nearest to %s: Lucene %s, OpenSearch %s", id, l, o)
                    .isGreaterThanOrEqualTo(lucenesFarthest - 0.001f);
            compared++;
        }
        assertThat(compared).as("incidents with a why-vector").isGreaterThan(40);
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(SearchResults.Hit::id).toList();
    }

    private static List<String> scores(SearchResults results) {
        return results.hits().stream().map(h -> h.id() + "=" + h.score()).toList();
    }
}
