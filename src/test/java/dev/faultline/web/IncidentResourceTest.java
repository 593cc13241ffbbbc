package dev.faultline.web;

import dev.faultline.support.FreshDatabase;
import dev.faultline.support.Incidents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Declaring, revising, resolving and reading incidents over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class IncidentResourceTest {

    @Test
    void declaring_answers_201_with_location_version_and_position() {
        String id = newId("declare");
        given().contentType(ContentType.JSON).body(Incidents.declaration(id))
                .when().post("/api/incidents")
                .then().statusCode(201)
                .header("Location", endsWith("/api/incidents/" + id))
                .header("ETag", "\"0\"")
                .header("Faultline-Position", notNullValue())
                .body("incidentId", is(id), "version", is(0), "changed", is(true));
    }

    @Test
    void a_declared_incident_reads_back_with_its_etag() {
        String id = declare(newId("read"));
        given().get("/api/incidents/" + id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("id", is(id), "title", is("Cloudflare global outage"), "organization", is("Cloudflare"),
                        "severity", is("SEV1"), "status", is("ONGOING"), "startedAt", is("2025-11-18T11:20:00Z"),
                        "timeline", empty(), "version", is(0));
    }

    @Test
    void if_none_match_with_the_current_etag_answers_304() {
        String id = declare(newId("etag"));
        given().header("If-None-Match", "\"0\"").get("/api/incidents/" + id).then().statusCode(304);
    }

    @Test
    void declaring_a_taken_id_is_409_and_records_nothing() {
        String id = declare(newId("taken"));
        given().contentType(ContentType.JSON).body(Incidents.declaration(id))
                .when().post("/api/incidents")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].pointer", is("/id"));
        org.assertj.core.api.Assertions.assertThat(Incidents.eventCount(id)).isEqualTo(1);
    }

    @Test
    void an_unknown_incident_is_404() {
        given().get("/api/incidents/never-declared").then().statusCode(404)
                .contentType("application/problem+json").body("status", is(404));
        given().get("/api/incidents/never-declared/events").then().statusCode(404);
        Incidents.post("/api/incidents/never-declared/timeline",
                Map.of("at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "x")).statusCode(404);
    }

    @Test
    void patch_revises_only_the_given_fields() {
        String id = declare(newId("patch"));
        given().contentType(ContentType.JSON).body(Map.of("severity", "SEV2", "summary", "A feature file doubled."))
                .when().patch("/api/incidents/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", is(1), "changed", is(true));
        given().get("/api/incidents/" + id).then()
                .body("severity", is("SEV2"), "summary", is("A feature file doubled."),
                        "title", is("Cloudflare global outage"));
    }

    @Test
    void resolving_sets_status_and_derived_figures() {
        String id = declare(newId("resolve"));
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "alert", "at", "2025-11-18T11:31:00Z",
                "kind", "DETECTION", "text", "Automated tests detect the issue")).statusCode(200);
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "fix", "at", "2025-11-18T14:30:00Z",
                "kind", "MITIGATION", "text", "Known-good feature file deployed")).statusCode(200);
        Incidents.post("/api/incidents/" + id + "/resolution", Map.of("resolvedAt", "2025-11-18T17:06:00Z",
                "how", "All systems functioning as normal")).statusCode(200).body("version", is(3));
        given().get("/api/incidents/" + id).then()
                .body("status", is("RESOLVED"),
                        "resolution.resolvedAt", is("2025-11-18T17:06:00Z"),
                        "derived.timeToDetect", is("PT11M"),
                        "derived.timeToMitigate", is("PT3H10M"),
                        "derived.timeToResolve", is("PT5H35M"),
                        "derived.duration", is("PT5H46M"));
    }

    @Test
    void resolving_before_the_start_is_400_naming_the_field() {
        String id = declare(newId("early"));
        Incidents.post("/api/incidents/" + id + "/resolution", Map.of("resolvedAt", "2025-11-18T10:00:00Z"))
                .statusCode(400).body("errors[0].field", is("/resolvedAt"));
    }

    @Test
    void the_event_history_lists_type_sequence_position_time_actor_and_payload() {
        String id = declare(newId("history"));
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "alert", "at", "2025-11-18T11:31:00Z",
                "kind", "DETECTION", "text", "Automated tests detect the issue"));
        given().header("X-Correlation-Id", "walkthrough-1")
                .contentType(ContentType.JSON).body(Map.of("severity", "SEV2"))
                .patch("/api/incidents/" + id).then().statusCode(200);
        given().get("/api/incidents/" + id + "/events").then().statusCode(200)
                .body("incidentId", is(id), "version", is(2),
                        "events.type", contains("IncidentDeclared", "TimelineEntryRecorded", "IncidentDetailsRevised"),
                        "events.sequence", contains(0, 1, 2),
                        "events.actor", everyItem(is("token:FAULTLINE_ADMIN_TOKEN")),
                        "events.via", everyItem(is("api")),
                        "events[2].correlationId", is("walkthrough-1"),
                        "events[1].payload.entryId", is("alert"),
                        "events[0].recordedAt", notNullValue());
        List<Integer> positions = given().get("/api/incidents/" + id + "/events").then().extract().path("events.position");
        org.assertj.core.api.Assertions.assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void write_responses_carry_the_position_of_the_event_they_recorded() {
        String id = declare(newId("position"));
        int position = Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "alert",
                "at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "x"))
                .statusCode(200).extract().path("position");
        given().get("/api/incidents/" + id + "/events").then().body("events[1].position", is(position));
    }

    @Test
    void swagger_ui_and_openapi_are_served() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/incidents/{id}/timeline"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
