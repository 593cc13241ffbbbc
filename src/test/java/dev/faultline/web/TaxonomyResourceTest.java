package dev.faultline.web;

import dev.faultline.query.taxonomy.VocabularyReplay;
import dev.faultline.search.SearchSupport;
import dev.faultline.taxonomy.Taxonomy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The taxonomy is served, grows by events, and a renamed or merged label shows its new name everywhere. */
@QuarkusTest
class TaxonomyResourceTest {

    @Inject
    VocabularyReplay vocabulary;

    @Test
    void the_taxonomy_is_served_with_families_and_synonyms() {
        given().get("/api/taxonomy").then().statusCode(200)
                .body("dimensions.name", hasItems("trigger", "defect", "spread", "component", "response", "impact"),
                        "dimensions.find { it.name == 'trigger' }.families.find { it.label == 'trigger:change' }.members",
                        hasItems("trigger:config-change", "trigger:data-change", "trigger:automated-update"),
                        "dimensions.find { it.name == 'defect' }.labels.find { it.label == 'defect:latent-bug' }.synonyms",
                        hasItem("latent defect"));
    }

    @Test
    void every_unknown_label_is_named_and_points_to_the_taxonomy() {
        String id = declare(newId("labels"));
        post("/api/incidents/" + id + "/root-causes", Map.of("summary", "s",
                "labels", List.of("defect:latent-bug", "defect:nope", "trigger:nah")))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/labels/1", "/labels/2"), "errors.field", not(hasItem("/labels/0")),
                        "detail", containsString("GET /api/taxonomy"));
    }

    @Test
    void a_label_defined_by_an_event_can_be_used_then_renamed_everywhere() {
        String label = "defect:clock-drift-" + System.nanoTime() % 100_000;
        given().contentType("application/json").body(Map.of("description", "Clocks drifted apart.",
                        "synonyms", List.of("clock drift"), "family", "code"))
                .put("/api/taxonomy/labels/" + label).then().log().ifValidationFails().statusCode(201)
                .body("label", is(label), "family", is("defect:code"));
        given().contentType("application/json").body(Map.of("description", "Clocks drifted apart.",
                        "synonyms", List.of("clock drift"), "family", "code"))
                .put("/api/taxonomy/labels/" + label).then().statusCode(200);
        given().contentType("application/json").body(Map.of("description", "x", "family", "nope"))
                .put("/api/taxonomy/labels/defect:other-" + System.nanoTime() % 1000).then().statusCode(400)
                .body("errors.field", hasItem("/family"));

        String id = declare(newId("drift"));
        post("/api/incidents/" + id + "/root-causes", Map.of("rootCauseId", "drift", "summary", "NTP servers drifted",
                "labels", List.of(label))).statusCode(200);
        String renamed = label.replace("clock-drift", "clock-skew");
        given().contentType("application/json").body(Map.of("newLabel", renamed))
                .post("/api/taxonomy/labels/" + label + "/rename").then().statusCode(200).body("label", is(renamed));

        given().get("/api/incidents/" + id).then().statusCode(200)
                .body("rootCauses[0].labels", is(List.of(renamed)));
        given().get("/api/taxonomy").then().body("renamed." + "'" + label + "'", is(renamed));
        awaitRebuilt();
        given().get("/api/search?q=NTP&label=" + renamed).then().statusCode(200).body("hits.id", hasItem(id));
        given().get("/api/search?q=NTP&label=" + label).then().statusCode(400);
        // a write under the old name is recorded under the new one
        post("/api/incidents/" + id + "/contributing-factors", Map.of("text", "no alarm on drift", "labels", List.of(label)))
                .statusCode(200);
        given().get("/api/incidents/" + id).then().body("contributingFactors[0].labels", is(List.of(renamed)));

        // replayed from the event store, as a new process would
        Taxonomy.use(Taxonomy.standard());
        assertThat(Taxonomy.current().contains(renamed)).isFalse();
        vocabulary.refresh();
        assertThat(Taxonomy.current().contains(renamed)).isTrue();
        assertThat(Taxonomy.current().contains(label)).isFalse();
        assertThat(Taxonomy.current().canonical(label)).isEqualTo(renamed);
    }

    @Test
    void a_merged_label_becomes_a_synonym_of_the_label_it_joins() {
        String label = "defect:latent-flaw-" + System.nanoTime() % 100_000;
        given().contentType("application/json").body(Map.of("description", "A flaw present long before."))
                .put("/api/taxonomy/labels/" + label).then().statusCode(201);
        String id = declare(newId("merge"));
        post("/api/incidents/" + id + "/root-causes", Map.of("summary", "s", "labels", List.of(label))).statusCode(200);
        given().contentType("application/json").body(Map.of("newLabel", "defect:latent-bug"))
                .post("/api/taxonomy/labels/" + label + "/rename").then().statusCode(409);
        given().contentType("application/json").body(Map.of("newLabel", "defect:latent-bug", "merge", true))
                .post("/api/taxonomy/labels/" + label + "/rename").then().statusCode(200)
                .body("synonyms", hasItem(label.substring("defect:".length()).replace('-', ' ')));
        given().get("/api/incidents/" + id).then().body("rootCauses[0].labels", is(List.of("defect:latent-bug")));
        given().contentType("application/json").body(Map.of("newLabel", "defect:whatever"))
                .post("/api/taxonomy/labels/defect:never-was/rename").then().statusCode(404);
    }

    private static void awaitRebuilt() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                !Boolean.TRUE.equals(given().get("/api/admin/projections").then().extract()
                        .path("find { it.name == 'search' }.rebuild.running")));
        SearchSupport.awaitIndexCaughtUp();
    }
}
