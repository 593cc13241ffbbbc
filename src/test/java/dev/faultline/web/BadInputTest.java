package dev.faultline.web;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Bad input gets a 4xx problem naming the field, and never changes what is stored: after each
 * rejected request the incident still has exactly its one declaration event.
 */
@QuarkusTest
class BadInputTest {

    String id;
    String timeline;

    @BeforeEach
    void declareOne() {
        id = declare(newId("bad"));
        timeline = "/api/incidents/" + id + "/timeline";
    }

    void rejectedWith(int status, String body, String field) {
        var response = given().contentType(ContentType.JSON).body(body).post(timeline).then()
                .statusCode(status).contentType("application/problem+json")
                .body("status", is(status), "title", notNullValue());
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        assertThat(Incidents.eventCount(id)).as("a rejected command writes nothing").isEqualTo(1);
    }

    @Test
    void malformed_json() {
        rejectedWith(400, "{\"at\": \"2025-11-18T11:31:00Z\", ", null);
        given().contentType(ContentType.JSON).body("{\"at\": ").post(timeline).then()
                .body("detail", containsString("malformed JSON"));
    }

    @Test
    void unknown_field() {
        rejectedWith(400, "{\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"DETECTION\",\"text\":\"x\",\"colour\":\"red\"}",
                "/colour");
    }

    @Test
    void missing_fields_are_each_named() {
        given().contentType(ContentType.JSON).body("{\"text\":\"\"}").post(timeline).then().statusCode(400)
                .body("errors.field", hasItems("/at", "/kind", "/text"));
        assertThat(Incidents.eventCount(id)).isEqualTo(1);
    }

    @Test
    void wrong_types() {
        rejectedWith(400, "{\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"DETECTION\",\"text\":[\"x\"]}", "/text");
        rejectedWith(400, "{\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"DETECTION\",\"text\":{\"a\":1}}", "/text");
        rejectedWith(400, "[1,2,3]", null);
    }

    @Test
    void every_bad_value_of_a_body_is_named_at_once() {
        given().contentType(ContentType.JSON)
                .body("{\"at\":\"yesterday\",\"kind\":\"GUESS\",\"text\":[\"x\"],\"colour\":\"red\"}")
                .post(timeline).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/at", "/kind", "/text", "/colour"),
                        "errors.find { it.field == '/kind' }.message", containsString("DETECTION"),
                        "detail", containsString("/colour"));
        assertThat(Incidents.eventCount(id)).as("a rejected command writes nothing").isEqualTo(1);
    }

    @Test
    void invalid_timestamps() {
        rejectedWith(400, "{\"at\":\"18/11/2025 11:31\",\"kind\":\"DETECTION\",\"text\":\"x\"}", "/at");
        rejectedWith(400, "{\"at\":\"2025-13-45T99:00:00Z\",\"kind\":\"DETECTION\",\"text\":\"x\"}", "/at");
        given().get("/api/incidents/" + id + "?at=yesterday").then().statusCode(400).body("errors[0].field", is("at"));
        given().get("/api/incidents/" + id + "?knownAt=2025-99-01").then().statusCode(400).body("errors[0].field", is("knownAt"));
    }

    @Test
    void unknown_enum_values_list_the_valid_ones() {
        given().contentType(ContentType.JSON).body("{\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"GUESS\",\"text\":\"x\"}")
                .post(timeline).then().statusCode(400)
                .body("errors[0].field", is("/kind"), "errors[0].message", containsString("DETECTION"));
        assertThat(Incidents.eventCount(id)).isEqualTo(1);
        given().get("/api/incidents?severity=SEV9").then().statusCode(400).body("errors[0].field", is("severity"));
    }

    @Test
    void ids_that_are_not_slugs() {
        rejectedWith(400, "{\"entryId\":\"Not A Slug\",\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"DETECTION\",\"text\":\"x\"}",
                "/id");
        given().get("/api/incidents/UPPER_CASE").then().statusCode(400).body("errors[0].field", is("id"));
        given().contentType(ContentType.JSON).body(Incidents.declaration("x")).post("/api/incidents").then()
                .statusCode(400).body("errors[0].pointer", is("/id"));
    }

    @Test
    void text_over_the_documented_limit() {
        Map<String, Object> entry = new HashMap<>(Map.of("at", "2025-11-18T11:31:00Z", "kind", "DETECTION",
                "text", "x".repeat(10_001)));
        given().contentType(ContentType.JSON).body(entry).post(timeline).then().statusCode(400)
                .body("errors[0].field", is("/text"), "errors[0].message", containsString("10000"));
        entry.put("text", "x".repeat(10_000));
        given().contentType(ContentType.JSON).body(entry).post(timeline).then().statusCode(200);
    }

    @Test
    void only_http_sources() {
        rejectedWith(400, "{\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"DETECTION\",\"text\":\"x\",\"source\":\"javascript:alert(1)\"}",
                "/source");
    }

    @Test
    void a_body_over_the_limit_is_413() {
        given().contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(1_100_000) + "\"}").post(timeline)
                .then().statusCode(413);
        assertThat(Incidents.eventCount(id)).isEqualTo(1);
    }

    @Test
    void wrong_media_type_is_415_and_a_missing_body_is_400() {
        given().contentType(ContentType.TEXT).body("at=now").post(timeline).then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).post(timeline).then().statusCode(400);
        assertThat(Incidents.eventCount(id)).isEqualTo(1);
    }

    @Test
    void bad_list_parameters() {
        given().get("/api/incidents?size=0").then().statusCode(400).body("errors[0].field", is("size"));
        given().get("/api/incidents?page=-1").then().statusCode(400).body("errors[0].field", is("page"));
        given().get("/api/incidents?sort=colour").then().statusCode(400).body("errors[0].field", is("sort"));
        given().get("/api/incidents?startedFrom=soon").then().statusCode(400).body("errors[0].field", is("startedFrom"));
    }

    @Test
    void unknown_paths_are_problem_404s() {
        given().get("/api/nothing-here").then().statusCode(404);
    }
}
