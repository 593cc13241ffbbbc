package dev.faultline.web;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Every write endpoint below an incident, as HTTP conversations. */
@QuarkusTest
class FactsEndpointsTest {

    static final String BLOG = "https://blog.cloudflare.com/18-november-2025-outage/";
    String id;
    String base;

    @BeforeEach
    void declareOne() {
        id = declare(newId("facts"));
        base = "/api/incidents/" + id;
    }

    @Test
    void timeline_entries_are_recorded_corrected_and_retracted() {
        post(base + "/timeline", Map.of("entryId", "spike", "at", "2025-11-18T11:20:00Z", "kind", "TRIGGER",
                "text", "5xx errors spike", "source", BLOG, "confidence", "CONFIRMED"))
                .statusCode(200).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON)
                .body(Map.of("at", "2025-11-18T11:20:00Z", "kind", "TRIGGER", "text", "HTTP 5xx errors spike globally",
                        "source", BLOG, "confidence", "CONFIRMED", "reason", "wording from the postmortem"))
                .put(base + "/timeline/spike").then().statusCode(200).body("version", is(2));
        given().delete(base + "/timeline/spike?reason=duplicate").then().statusCode(200).body("version", is(3));
        given().get(base).then()
                .body("timeline[0].text", is("HTTP 5xx errors spike globally"),
                        "timeline[0].corrections[0].text", is("5xx errors spike"),
                        "timeline[0].corrections[0].reason", is("wording from the postmortem"),
                        "timeline[0].retracted.reason", is("duplicate"));
        given().contentType(ContentType.JSON).body(Map.of("at", "2025-11-18T11:20:00Z", "kind", "TRIGGER", "text", "x"))
                .put(base + "/timeline/spike").then().statusCode(409).body("errors[0].parameter", is("entryId"));
    }

    @Test
    void an_entry_without_id_gets_one_and_a_retry_with_the_same_id_changes_nothing() {
        String generated = post(base + "/timeline", Map.of("at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "x"))
                .statusCode(200).extract().path("incidentId");
        org.assertj.core.api.Assertions.assertThat(generated).isEqualTo(id);
        given().get(base).then().body("timeline[0].id", startsWith("e-"));
        Map<String, Object> entry = Map.of("entryId", "alert", "at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "y");
        post(base + "/timeline", entry).statusCode(200).body("changed", is(true), "version", is(2));
        post(base + "/timeline", entry).statusCode(200).body("changed", is(false), "version", is(2));
        post(base + "/timeline", Map.of("entryId", "alert", "at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "z"))
                .statusCode(409);
    }

    @Test
    void unknown_entries_causes_and_actions_are_404() {
        given().delete(base + "/timeline/nope").then().statusCode(404).body("errors[0].parameter", is("entryId"));
        given().delete(base + "/root-causes/nope").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE"))
                .patch(base + "/remediations/nope").then().statusCode(404);
        given().delete(base + "/links/other-incident").then().statusCode(404);
    }

    @Test
    void statements_are_attributed_quotes() {
        post(base + "/statements", Map.of("statementId", "ceo", "speaker", "Matthew Prince", "role", "CEO",
                "publishedAt", "2025-11-18T23:00:00Z", "channel", "BLOG",
                "quote", "An outage like today's is unacceptable.", "source", BLOG, "confidence", "CONFIRMED"))
                .statusCode(200);
        given().get(base).then().body("statements[0].speaker", is("Matthew Prince"),
                "statements[0].role", is("CEO"), "statements[0].channel", is("BLOG"),
                "statements[0].quote", is("An outage like today's is unacceptable."));
    }

    @Test
    void root_causes_are_identified_revised_and_ruled_out() {
        post(base + "/root-causes", Map.of("rootCauseId", "feature-file", "summary", "Feature file doubled in size",
                "labels", List.of("trigger:data-change", "defect:unchecked-limit"))).statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("summary", "Permissions change doubled the feature file",
                        "labels", List.of("trigger:data-change", "defect:unchecked-limit", "component:config-pipeline")))
                .put(base + "/root-causes/feature-file").then().statusCode(200);
        post(base + "/root-causes", Map.of("rootCauseId", "ddos", "summary", "Suspected DDoS",
                "identifiedAt", "2025-11-18T11:35:00Z")).statusCode(200);
        given().delete(base + "/root-causes/ddos?ruledOutAt=2025-11-18T13:05:00Z&reason=not+an+attack")
                .then().statusCode(200);
        given().get(base).then()
                .body("rootCauses.find { it.id == 'feature-file' }.labels", hasItem("component:config-pipeline"),
                        "rootCauses.find { it.id == 'feature-file' }.revisions", is(1),
                        "rootCauses.find { it.id == 'ddos' }.status", is("RULED_OUT"),
                        "rootCauses.find { it.id == 'ddos' }.ruledOut.at", is("2025-11-18T13:05:00Z"));
    }

    @Test
    void unknown_labels_are_400_naming_each_and_pointing_to_the_taxonomy() {
        post(base + "/root-causes", Map.of("summary", "x", "labels", List.of("trigger:cosmic-rays")))
                .statusCode(400).body("errors[0].field", is("/labels/0"),
                        "errors[0].message", containsString("trigger:cosmic-rays"),
                        "errors[0].message", containsString("GET /api/taxonomy"));
    }

    @Test
    void contributing_factors_and_impact() {
        post(base + "/contributing-factors", Map.of("factorId", "no-size-check",
                "text", "Generated file not validated before propagation", "labels", List.of("defect:missing-validation")))
                .statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("description", "Core CDN and security services failed",
                        "affectedServices", List.of("CDN", "Workers KV"),
                        "figures", List.of(Map.of("name", "core impact", "value", "about 3 hours"))))
                .put(base + "/impact").then().statusCode(200);
        given().get(base).then()
                .body("contributingFactors[0].labels", contains("defect:missing-validation"),
                        "impact.figures[0].value", is("about 3 hours"));
    }

    @Test
    void remediation_actions_follow_their_life_cycle() {
        post(base + "/remediations", Map.of("actionId", "kill-switches", "description", "More global kill switches",
                "type", "MITIGATE", "owner", "Cloudflare", "dueDate", "2026-03-31")).statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS", "note", "started"))
                .patch(base + "/remediations/kill-switches").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE"))
                .patch(base + "/remediations/kill-switches").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS"))
                .patch(base + "/remediations/kill-switches").then().statusCode(409)
                .body("detail", containsString("DONE is final"));
        given().get(base).then()
                .body("remediations[0].status", is("DONE"),
                        "remediations[0].dueDate", is("2026-03-31"),
                        "remediations[0].history.to", contains("IN_PROGRESS", "DONE"));
    }

    @Test
    void links_need_an_existing_other_incident() {
        String other = declare(newId("other"));
        post(base + "/links", Map.of("otherIncidentId", other, "relation", "SAME_ROOT_CAUSE", "note", "config automation"))
                .statusCode(200);
        post(base + "/links", Map.of("otherIncidentId", "does-not-exist", "relation", "CAUSED_BY"))
                .statusCode(400).body("errors[0].pointer", is("/incidentId"));
        given().get(base).then().body("links[0].incidentId", is(other), "links[0].relation", is("SAME_ROOT_CAUSE"));
        given().delete(base + "/links/" + other + "?relation=SAME_ROOT_CAUSE").then().statusCode(200);
        given().get(base).then().body("links", empty());
    }

    @Test
    void a_stale_if_match_is_412_and_a_current_one_succeeds() {
        Map<String, Object> entry = Map.of("at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "x");
        given().header("If-Match", "\"0\"").contentType(ContentType.JSON).body(entry)
                .post(base + "/timeline").then().statusCode(200).header("ETag", "\"1\"");
        given().header("If-Match", "\"0\"").contentType(ContentType.JSON).body(entry)
                .post(base + "/timeline").then().statusCode(412)
                .contentType("application/problem+json").body("errors[0].field", is("If-Match"));
        given().header("If-Match", "banana").contentType(ContentType.JSON).body(entry)
                .post(base + "/timeline").then().statusCode(400).body("errors[0].field", is("If-Match"));
        org.assertj.core.api.Assertions.assertThat(Incidents.eventCount(id)).isEqualTo(2);
    }
}
