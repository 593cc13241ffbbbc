package dev.faultline.search;

import dev.faultline.support.Incidents;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

/** GET /api/search on the 60 seed incidents: relevance, facets, highlights, filters, paging, hostile input. */
@QuarkusTest
@TestProfile(Seeded.class)
class SearchTest {

    @BeforeEach
    void indexHasCaughtUp() {
        SearchSupport.awaitIndexCaughtUp();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "latent bug after a routine configuration change | cloudflare-2025-11-18",
            "cloudfare bot managment                          | cloudflare-2025-11-18",
            "DNS race condition                               | aws-2025-10-20",
            "domain name system automation empty record       | aws-2025-10-20",
            "regular expression backtracking                  | cloudflare-2019-07-02",
            "backups failed database deleted                  | gitlab-2017-01-31",
            "maintenance command backbone                     | facebook-2021-10-04",
            "channel file windows crash                       | crowdstrike-2024-07-19",
    })
    void realistic_queries_rank_the_expected_incident_first(String query, String expected) {
        // twice: the second search answers typo tolerance from the known-words cache
        for (int i = 0; i < 2; i++) {
            given().queryParam("q", query).get("/api/search").then().statusCode(200)
                    .body("hits[0].id", is(expected));
        }
    }

    @Test
    void facets_count_all_matches_not_just_the_page() {
        JsonPath all = given().queryParam("size", 1).get("/api/search").then().statusCode(200).extract().jsonPath();
        long total = all.getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(20);
        Map<String, Integer> byOrganization = new HashMap<>();
        for (Map<String, Object> item : given().queryParam("size", 200).get("/api/incidents").then().extract().jsonPath()
                .<Map<String, Object>>getList("items")) {
            byOrganization.merge((String) item.get("organization"), 1, Integer::sum);
        }
        Map<String, Integer> facet = new HashMap<>();
        for (Map<String, Object> value : all.<Map<String, Object>>getList("facets.organization")) {
            facet.put((String) value.get("value"), (Integer) value.get("count"));
        }
        // the most frequent organizations, each with its count over all matches
        assertThat(facet).hasSize(Math.min(20, byOrganization.size()));
        facet.forEach((organization, count) -> assertThat(count).as(organization).isEqualTo(byOrganization.get(organization)));
        int leastShown = facet.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        byOrganization.forEach((organization, count) -> {
            if (!facet.containsKey(organization)) {
                assertThat(count).as("%s is left out of the facet", organization).isLessThanOrEqualTo(leastShown);
            }
        });
        int years = all.<Map<String, Object>>getList("facets.year").stream().mapToInt(v -> (Integer) v.get("count")).sum();
        assertThat(years).isEqualTo(total);

        int latentBugs = given().queryParam("label", "defect:latent-bug").get("/api/search").then().extract().path("total");
        assertThat(all.<Map<String, Object>>getList("facets.label"))
                .contains(Map.of("value", "defect:latent-bug", "count", latentBugs));
        assertThat(latentBugs).isGreaterThanOrEqualTo(3);
    }

    @Test
    void highlights_are_escaped_text_with_em_around_matches() {
        JsonPath result = given().queryParam("q", "feature file").get("/api/search").then().statusCode(200)
                .body("hits[0].id", is("cloudflare-2025-11-18")).extract().jsonPath();
        Map<String, List<String>> highlights = result.getMap("hits[0].highlights");
        assertThat(highlights).containsKey("title");
        assertThat(highlights.get("title").get(0)).contains("<em>feature</em> <em>file</em>");
        for (List<String> fragments : highlights.values()) {
            for (String fragment : fragments) {
                assertThat(fragment.replace("<em>", "").replace("</em>", "")).doesNotContain("<", ">");
            }
        }
    }

    @Test
    void user_text_in_highlights_cannot_become_markup() {
        String id = Incidents.newId("hostile");
        Map<String, Object> declaration = new HashMap<>(Incidents.declaration(id));
        declaration.put("title", "<script>alert(1)</script> zanzibar outage");
        String position = given().contentType(ContentType.JSON).body(declaration).post("/api/incidents")
                .then().statusCode(201).extract().header("Faultline-Position");
        List<String> title = given().queryParam("q", "zanzibar").queryParam("minPosition", position)
                .get("/api/search").then().statusCode(200)
                .body("hits[0].id", is(id)).extract().path("hits[0].highlights.title");
        assertThat(title.get(0)).startsWith("&lt;script&gt;alert(1)&lt;").contains("<em>zanzibar</em>")
                .doesNotContain("<script", "</script");
    }

    @Test
    void filters_all_must_match() {
        given().queryParam("organization", "aws").get("/api/search").then().statusCode(200)
                .body("total", is(3), "hits.organization", everyItem(is("AWS")));
        given().queryParam("severity", "sev1").queryParam("q", "outage").get("/api/search").then().statusCode(200)
                .body("hits.severity", everyItem(is("SEV1")), "total", greaterThan(0));

        List<String> both = given().queryParam("label", "defect:latent-bug").queryParam("label", "trigger:data-change")
                .queryParam("size", 100).get("/api/search").then().statusCode(200).extract().path("hits.id");
        assertThat(both).contains("cloudflare-2025-11-18");
        for (String id : both) {
            List<String> labels = given().get("/api/incidents/" + id).then().extract().jsonPath().getList("rootCauses.labels.flatten()");
            List<String> factorLabels = given().get("/api/incidents/" + id).then().extract().jsonPath().getList("contributingFactors.labels.flatten()");
            Set<String> all = new HashSet<>(labels);
            all.addAll(factorLabels);
            assertThat(all).contains("defect:latent-bug", "trigger:data-change");
        }

        List<String> started = given().queryParam("from", "2025-01-01").queryParam("to", "2026-01-01").queryParam("size", 100)
                .get("/api/search").then().statusCode(200).extract().path("hits.startedAt");
        assertThat(started).isNotEmpty().allSatisfy(s -> assertThat(Instant.parse(s))
                .isBetween(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-12-31T23:59:59Z")));

        // from is inclusive, to exclusive: an incident that started at the very instant is in one, not the other
        String at = "2025-11-18T11:20:00Z";
        List<String> upTo = given().queryParam("q", "bot management").queryParam("to", at).queryParam("size", 100)
                .get("/api/search").then().statusCode(200).extract().path("hits.id");
        List<String> onwards = given().queryParam("q", "bot management").queryParam("from", at).queryParam("size", 100)
                .get("/api/search").then().statusCode(200).extract().path("hits.id");
        assertThat(upTo).doesNotContain("cloudflare-2025-11-18");
        assertThat(onwards).contains("cloudflare-2025-11-18");
    }

    @Test
    void pages_cover_every_hit_once() {
        int total = given().queryParam("q", "outage").get("/api/search").then().extract().path("total");
        assertThat(total).isGreaterThan(5);
        List<String> seen = new ArrayList<>();
        for (int page = 0; page * 5 < total; page++) {
            seen.addAll(given().queryParam("q", "outage").queryParam("size", 5).queryParam("page", page)
                    .get("/api/search").then().statusCode(200).body("total", is(total)).extract().<List<String>>path("hits.id"));
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"crowdstrike, 10, 2", "outage, 10, 1000", "outage, 20, 5", "zzzz-no-such-word, 10, 1"})
    void a_page_past_the_last_hit_is_empty(String q, int size, int page) {
        int total = given().queryParam("q", q).get("/api/search").then().statusCode(200).extract().path("total");
        assertThat(total).isLessThanOrEqualTo(size * page);
        given().queryParam("q", q).queryParam("size", size).queryParam("page", page).get("/api/search").then()
                .statusCode(200).body("total", is(total)).body("hits", empty());
    }

    @Test
    void sort_by_start_gives_newest_first() {
        List<String> started = given().queryParam("q", "outage").queryParam("sort", "startedAt").queryParam("size", 100)
                .get("/api/search").then().statusCode(200).extract().path("hits.startedAt");
        List<Instant> instants = started.stream().map(Instant::parse).toList();
        assertThat(instants).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void phrases_and_exclusion_work() {
        List<String> phrase = given().queryParam("q", "\"feature file\"").queryParam("size", 100).get("/api/search")
                .then().statusCode(200).extract().path("hits.id");
        assertThat(phrase).contains("cloudflare-2025-11-18").doesNotContain("aws-2025-10-20");
        List<String> excluded = given().queryParam("q", "outage -cloudflare").queryParam("size", 100).get("/api/search")
                .then().statusCode(200).extract().path("hits.id");
        assertThat(excluded).isNotEmpty().noneMatch(id -> id.startsWith("cloudflare"));
        List<String> either = given().queryParam("q", "crowdstrike OR gitlab").get("/api/search")
                .then().statusCode(200).extract().path("hits.id");
        assertThat(either).contains("crowdstrike-2024-07-19", "gitlab-2017-01-31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unbalanced", "*:*", "((((", "))))", "a AND OR NOT b", "title:cloudflare", "\\", "~2",
            "cloud*", "-", "\"\"", "+-|", "<script>", "%00", "dns~1 OR (bgp AND -)", "😀 outage", "\u0000"})
    void hostile_syntax_never_breaks_the_server(String q) {
        given().queryParam("q", q).get("/api/search").then().statusCode(anyOf(is(200), is(400)))
                .body("status", anyOf(nullValue(), is(400)));
    }

    @Test
    void huge_or_many_word_queries_are_refused_with_the_field_named() {
        given().queryParam("q", "x".repeat(501)).get("/api/search").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("q"));
        given().queryParam("q", "word ".repeat(40)).get("/api/search").then().statusCode(400)
                .body("errors[0].field", is("q"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"size,101", "size,0", "page,-1", "sort,popularity", "severity,SEV9", "status,LOST", "from,yesterday",
            "label,defect:not-a-label", "label,nodimension", "minPosition,abc"})
    void bad_parameters_are_named(String name, String value) {
        given().queryParam(name, value).get("/api/search").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is(name));
    }

    @Test
    void an_unknown_label_lists_the_valid_ones() {
        given().queryParam("label", "defect:nope").get("/api/search").then().statusCode(400)
                .body("errors[0].message", containsString("defect:latent-bug"));
    }

    @Test
    void a_write_is_searchable_within_a_second_and_at_once_with_min_position() {
        String id = Incidents.newId("fresh");
        Map<String, Object> declaration = new HashMap<>(Incidents.declaration(id));
        declaration.put("title", "Quokkaland power loss");
        String position = given().contentType(ContentType.JSON).body(declaration).post("/api/incidents")
                .then().statusCode(201).extract().header("Faultline-Position");
        given().queryParam("q", "quokkaland").queryParam("minPosition", position).get("/api/search")
                .then().statusCode(200).body("hits.id", contains(id));

        String second = Incidents.newId("fresh");
        declaration.put("incidentId", second);
        declaration.put("title", "Wombatville cooling failure");
        given().contentType(ContentType.JSON).body(declaration).post("/api/incidents").then().statusCode(201);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                given().queryParam("q", "wombatville").get("/api/search").then().body("hits.id", contains(second)));
    }

    @Test
    void rapid_writes_to_one_incident_are_searchable_with_min_position_and_within_a_second_without() {
        // writes milliseconds apart: all but the first wait in a deferred write (SearchProjection, ReindexScheduler)
        String id = Incidents.newId("burst");
        Incidents.declare(id);
        String[] words = {"axolotl", "bilby", "cassowary", "dugong", "echidna"};
        for (String word : words) {
            String position = given().contentType(ContentType.JSON)
                    .body(Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", "Saw the " + word + " alarm"))
                    .post("/api/incidents/" + id + "/timeline").then().statusCode(200)
                    .extract().header("Faultline-Position");
            given().queryParam("q", word).queryParam("minPosition", position).get("/api/search")
                    .then().statusCode(200).body("hits.id", contains(id));
        }
        String[] later = {"fossa", "gharial", "hoatzin"};
        for (String word : later) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("at", "2025-11-18T11:32:00Z", "kind", "OTHER", "text", "Saw the " + word + " alarm"))
                    .post("/api/incidents/" + id + "/timeline").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                given().queryParam("q", "hoatzin").get("/api/search").then().body("hits.id", contains(id)));
    }

    @Test
    void totals_and_facets_are_counted_again_once_the_index_changes() {
        // the same search twice: the second answer's counts may come from the count cache
        for (int i = 0; i < 2; i++) {
            given().queryParam("q", "numbatfall").get("/api/search").then().statusCode(200)
                    .body("total", is(0), "facets.organization", empty());
        }
        String id = Incidents.newId("counted");
        Map<String, Object> declaration = new HashMap<>(Incidents.declaration(id));
        declaration.put("title", "Numbatfall storage outage");
        declaration.put("organization", "Numbat Works");
        String position = given().contentType(ContentType.JSON).body(declaration).post("/api/incidents")
                .then().statusCode(201).extract().header("Faultline-Position");
        given().queryParam("q", "numbatfall").queryParam("minPosition", position).get("/api/search")
                .then().statusCode(200).body("total", is(1), "hits.id", contains(id),
                        "facets.organization.value", contains("Numbat Works"), "facets.organization.count", contains(1));
        // another page of the same search: same counts
        given().queryParam("q", "numbatfall").queryParam("page", 1).get("/api/search")
                .then().statusCode(200).body("total", is(1), "hits", empty(), "facets.organization.count", contains(1));
    }
}
