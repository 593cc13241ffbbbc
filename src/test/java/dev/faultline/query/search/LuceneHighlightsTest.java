package dev.faultline.query.search;

import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fragments made by Lucene's highlighter directly must be exactly those Hibernate Search's own
 * highlighter makes, hit for hit and field for field, on all the seed incidents: words, stems,
 * phrases, synonyms, OR, and words that match nothing.
 */
@QuarkusTest
@TestProfile(Seeded.class)
class LuceneHighlightsTest {

    @Inject
    SearchIndexes indexes;

    @Inject
    IncidentSearch search;

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "outage",
            "latent bug after a routine configuration change",
            "\"feature file\"",
            "\"bot management\" propagation",
            "dns | bgp",
            "config",
            "domain name system",
            "databases permissions changed",
            "cloudflare",
            "nothing-matches-this-zzzz",
    })
    void lucene_fragments_equal_the_dsl_highlighter(String words) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                return search.inventory().size() >= 20;
            } catch (SearchIndexes.NotOpen e) {
                return false;
            }
        });
        SearchIndexes.Generation generation = indexes.active();
        List<String> ids = new ArrayList<>(search.inventory().keySet());
        ids.add("no-such-incident");
        SearchScope<SearchDocument> scope = generation.mapping().scope(SearchDocument.class);

        Map<String, Map<String, List<String>>> lucene = new LuceneHighlights().of(scope,
                SearchHighlights.matching(scope.predicate(), words), ids, SearchHighlights.FIELDS);
        Map<String, Map<String, List<String>>> dsl;
        try (SearchSession session = generation.mapping().createSession()) {
            dsl = SearchHighlights.throughDsl(session, ids, words);
        }

        assertThat(lucene).as("highlighted by Lucene, not by the fallback").isNotNull();
        // the DSL only returns hits that match; Lucene returns every id it finds, without fragments
        lucene.values().removeIf(Map::isEmpty);
        dsl.values().removeIf(Map::isEmpty);
        assertThat(lucene).isEqualTo(dsl);
        if (!words.startsWith("nothing")) {
            assertThat(lucene).as("a search that should highlight something").isNotEmpty();
        }
    }
}
