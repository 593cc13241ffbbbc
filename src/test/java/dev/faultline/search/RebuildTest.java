package dev.faultline.search;

import dev.faultline.query.search.IncidentSearch;
import dev.faultline.query.search.SearchIndexes;
import dev.faultline.query.search.SearchWriter;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

/** POST /api/admin/projections/search/rebuild: a new index beside the old one, same content, no downtime. */
@QuarkusTest
@TestProfile(Seeded.class)
class RebuildTest {

    @Inject
    IncidentSearch search;

    @Inject
    SearchIndexes indexes;

    @Inject
    SearchWriter writer;

    @Test
    void a_rebuild_gives_the_same_documents_as_incremental_indexing_and_search_never_stops() throws Exception {
        SearchSupport.awaitIndexCaughtUp();
        Map<String, List<Object>> before = search.inventory();
        assertThat(before).hasSizeGreaterThanOrEqualTo(20);
        List<String> queries = List.of("outage", "dns", "latent bug configuration", "power", "\"feature file\"");
        Map<String, Object> answersBefore = answers(queries);
        SearchIndexes.Generation old = indexes.active();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Throwable> searchFailure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
        Thread searcher = new Thread(() -> {
            try {
                while (rebuilding.get()) {
                    given().queryParam("q", "outage").get("/api/search").then().statusCode(200)
                            .body("total", greaterThanOrEqualTo(10));
                    searches.incrementAndGet();
                }
            } catch (Throwable e) {
                searchFailure.set(e);
            }
        });
        searcher.start();
        given().post("/api/admin/projections/search/rebuild").then().statusCode(202)
                .body("name", is("search"), "rebuild.running", is(true));
        await().atMost(Duration.ofSeconds(60)).until(() -> !indexes.active().equals(old));
        SearchSupport.awaitIndexCaughtUp();
        rebuilding.set(false);
        searcher.join();
        assertThat(searchFailure.get()).as("searches during the rebuild").isNull();
        assertThat(searches.get()).isPositive();

        assertThat(search.inventory()).isEqualTo(before);
        assertThat(answers(queries)).isEqualTo(answersBefore);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(exists(old)).as("old generation deleted once retired").isFalse());
        given().get("/api/admin/projections").then().statusCode(200)
                .body("find { it.name == 'search' }.rebuild.running", is(false),
                        "find { it.name == 'search' }.rebuild.processed", greaterThan(200),
                        "find { it.name == 'search' }.rebuild.error", nullValue());
    }

    @Test
    void events_the_serving_documents_already_hold_are_not_refolded() {
        SearchSupport.awaitIndexCaughtUp();
        String id = "cloudflare-2025-11-18";
        long position = (Long) search.inventory().get(id).get(1);
        // a processor behind a rebuilt index (or redelivering) skips what the documents hold
        assertThat(writer.stale(Map.of(id, position))).isEmpty();
        assertThat(writer.stale(Map.of(id, position - 1))).isEmpty();
        // a newer event, or an incident without a document, is re-folded
        assertThat(writer.stale(Map.of(id, position + 1))).containsExactly(id);
        assertThat(writer.stale(Map.of("no-such-incident", 1L))).containsExactly("no-such-incident");
    }

    @Test
    void only_the_search_projection_can_be_rebuilt() {
        given().post("/api/admin/projections/nope/rebuild").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** Whether a generation's index is still stored: its directory (Lucene). */
    boolean exists(SearchIndexes.Generation generation) {
        return Files.exists(generation.directory());
    }

    /** Hit ids, totals, facets and highlights of each query (scores may differ: deleted documents count in statistics). */
    private static Map<String, Object> answers(List<String> queries) {
        Map<String, Object> answers = new java.util.HashMap<>();
        for (String q : queries) {
            var json = given().queryParam("q", q).queryParam("size", 100).get("/api/search").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Object> highlights = new java.util.TreeMap<>();
            for (Map<String, Object> hit : json.<Map<String, Object>>getList("hits")) {
                highlights.put((String) hit.get("id"), hit.get("highlights"));
            }
            answers.put(q, List.of(json.getInt("total"), highlights, json.getMap("facets")));
        }
        return answers;
    }
}
