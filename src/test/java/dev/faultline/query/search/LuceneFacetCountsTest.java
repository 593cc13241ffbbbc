package dev.faultline.query.search;

import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Totals and facets counted straight from Lucene must equal what the DSL's terms aggregation
 * counts, value for value, for every kind of search: words, phrases, exclusions, operators,
 * typos and each filter.
 */
@QuarkusTest
@TestProfile(Seeded.class)
class LuceneFacetCountsTest {

    @Inject
    SearchIndexes indexes;

    @ParameterizedTest(name = "[{0}] org={1} label={2} severity={3} status={4} from={5} typos={6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                                      | -          | -                          | -    | -        | -          | -",
            "outage                                 | -          | -                          | -    | -        | -          | -",
            "latent bug after a routine configuration change | - | -                       | -    | -        | -          | -",
            "\"feature file\"                       | -          | -                          | -    | -        | -          | -",
            "dns -aws                               | -          | -                          | -    | -        | -          | -",
            "bgp | dns                              | -          | -                          | -    | -        | -          | -",
            "(config +database) -\"rate limit\"     | -          | -                          | -    | -        | -          | -",
            "cloudfare bot managment                | -          | -                          | -    | -        | -          | cloudfare managment",
            "configuration                          | Cloudflare | -                          | -    | -        | -          | -",
            "outage                                 | -          | trigger:config-change      | SEV1 | -        | -          | -",
            "-                                      | -          | -                          | -    | RESOLVED | 2021-01-01T00:00:00Z | -",
            "nothing-matches-this-zzzz              | -          | -                          | -    | -        | -          | -",
    })
    void lucene_counts_equal_the_dsl_aggregation(String text, String organization, String label, String severity,
                                                 String status, String from, String typos) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                return indexes.active() != null;
            } catch (SearchIndexes.NotOpen e) {
                return false;
            }
        });
        SearchIndexes.Generation generation = indexes.active();
        await().atMost(Duration.ofSeconds(60)).until(() -> SearchCounts.countThroughDsl(generation,
                query(null, null, null, null, null, null), "").total() >= 20);

        SearchIncidents query = query(text, organization, label, severity, status, from);
        String unknown = typos == null ? "" : typos;
        SearchScope<SearchDocument> scope = generation.mapping().scope(SearchDocument.class);
        LuceneFacetCounts.Raw lucene = new LuceneFacetCounts()
                .count(scope, SearchPredicates.matching(scope.predicate(), query, unknown));
        LuceneFacetCounts.Raw dsl = SearchCounts.countThroughDsl(generation, query, unknown);

        assertThat(lucene).as("counted by Lucene, not by the fallback").isNotNull();
        assertThat(lucene.total()).isEqualTo(dsl.total());
        assertThat(lucene.values()).isEqualTo(dsl.values());
        if (text == null || text.startsWith("outage") || text.startsWith("configuration")) {
            assertThat(dsl.total()).as("a search that should match something").isPositive();
            assertThat(lucene.values()).isNotEmpty();
        }
    }

    private static SearchIncidents query(String text, String organization, String label, String severity,
                                         String status, String from) {
        return new SearchIncidents(text, organization, label == null ? List.of() : List.of(label),
                severity == null ? null : Severity.valueOf(severity), status == null ? null : IncidentStatus.valueOf(status),
                from == null ? null : Instant.parse(from), null, SearchIncidents.Sort.RELEVANCE, 0, 10);
    }
}
