package dev.faultline.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

/** GET /api/incidents: filters, order and paging over the catalogue projection. */
@QuarkusTest
class CatalogueTest {

    @Test
    void filters_sort_and_pages() {
        String org = newId("org");
        String a = declare(org, newId("a"), "SEV1", "2024-07-19T04:09:00Z", "Alpha");
        String b = declare(org, newId("b"), "SEV2", "2025-06-12T17:51:00Z", "Bravo");
        String c = declare(org, newId("c"), "SEV1", "2025-11-18T11:20:00Z", "Charlie");
        post("/api/incidents/" + c + "/resolution", Map.of("resolvedAt", "2025-11-18T17:06:00Z")).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org + "&status=RESOLVED").then()
                        .body("total", is(1), "items[0].id", is(c), "items[0].resolvedAt", is("2025-11-18T17:06:00Z")));

        given().get("/api/incidents?organization=" + org.toUpperCase()).then()
                .body("total", is(3), "items.id", contains(c, b, a));
        given().get("/api/incidents?organization=" + org + "&sort=startedAt").then()
                .body("items.id", contains(a, b, c));
        given().get("/api/incidents?organization=" + org + "&severity=sev1").then()
                .body("total", is(2), "items.id", contains(c, a));
        given().get("/api/incidents?organization=" + org + "&startedFrom=2025-01-01&startedTo=2025-07-01").then()
                .body("total", is(1), "items.id", contains(b));
        given().get("/api/incidents?organization=" + org + "&sort=title&size=2&page=1").then()
                .body("total", is(3), "page", is(1), "size", is(2), "items.id", contains(c));
        given().get("/api/incidents?organization=" + org + "&status=ONGOING").then()
                .body("items.status", everyItem(is("ONGOING")), "total", is(2));
    }

    @Test
    void every_sort_both_ways_and_text_and_label_filters_from_the_index() {
        String org = newId("org");
        String a = declare(org, newId("a"), "SEV1", "2024-07-19T04:09:00Z", "Alpha certificate expired");
        String b = declare(org, newId("b"), "SEV2", "2025-06-12T17:51:00Z", "Bravo resolver emptied");
        String c = declare(org, newId("c"), "SEV3", "2025-11-18T11:20:00Z", "Charlie feature file");
        post("/api/incidents/" + b + "/root-causes", Map.of("rootCauseId", "latent", "summary", "A dormant race in the planner",
                "labels", java.util.List.of("defect:latent-bug"))).statusCode(200);

        // the catalogue is eventually consistent: wait until it holds all three
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org + "&sort=-title").then().body("items.id", contains(c, b, a)));
        given().get("/api/incidents?organization=" + org + "&sort=-severity").then().body("items.id", contains(c, b, a));
        given().get("/api/incidents?organization=" + org + "&sort=severity").then().body("items.id", contains(a, b, c));
        given().get("/api/incidents?organization=" + org + "&sort=-organization").then().body("total", is(3));
        // the former parameter names still work
        given().get("/api/incidents?organization=" + org + "&startedFrom=2025-01-01").then().body("total", is(2));

        // text and labels come from the search index, in the listing's order, with the catalogue's summaries
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org + "&q=certificate").then()
                        .body("total", is(1), "items[0].id", is(a), "items[0].title", is("Alpha certificate expired")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org + "&label=defect:latent-bug").then()
                        .body("total", is(1), "items.id", contains(b)));
        // a family matches its members
        given().get("/api/incidents?organization=" + org + "&label=defect:code").then().body("items.id", contains(b));
        given().get("/api/incidents?organization=" + org + "&q=alpha OR bravo OR charlie&sort=title").then()
                .body("total", is(3), "items.id", contains(a, b, c));
        given().get("/api/incidents?organization=" + org + "&q=alpha OR bravo OR charlie&sort=-startedAt&size=1&page=1").then()
                .body("total", is(3), "items.id", contains(b));

        // the index's work is bounded: no page beyond its first 10,000 matches
        given().get("/api/incidents?label=defect:latent-bug&size=200&page=50").then().statusCode(400)
                .body("errors[0].parameter", is("page"));
        given().get("/api/incidents?label=defect:latent-bug&size=200&page=49").then().statusCode(200);

        // every bad parameter named in one answer
        given().get("/api/incidents?label=nope:nothing&sort=sideways&size=0&from=soon").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("label", "sort", "size", "from"));
    }

    @Test
    void status_follows_a_resolution_entry_everywhere_until_it_is_retracted() {
        String org = newId("org");
        String id = declare(org, newId("entry"), "SEV2", "2025-06-12T17:51:00Z", "Resolved by its timeline");
        post("/api/incidents/" + id + "/timeline", Map.of("entryId", "done", "at", "2025-06-12T20:49:00Z",
                "kind", "RESOLUTION", "text", "All services recovered")).statusCode(200);
        given().get("/api/incidents/" + id).then().statusCode(200)
                .body("status", is("RESOLVED"), "derived.resolvedAt", is("2025-06-12T20:49:00Z"), "derived.duration", is("PT2H58M"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org + "&status=RESOLVED").then()
                        .body("total", is(1), "items[0].resolvedAt", is("2025-06-12T20:49:00Z")));
        // a correction moves the end; a retraction leaves no resolution: ongoing again
        given().contentType(ContentType.JSON).body(Map.of("at", "2025-06-12T21:00:00Z", "kind", "RESOLUTION",
                "text", "All services recovered")).put("/api/incidents/" + id + "/timeline/done").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org).then().body("items[0].resolvedAt", is("2025-06-12T21:00:00Z")));
        given().delete("/api/incidents/" + id + "/timeline/done?reason=wrong incident").then().statusCode(200);
        given().get("/api/incidents/" + id).then().body("status", is("ONGOING"), "derived.resolvedAt", nullValue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org).then()
                        .body("items[0].status", is("ONGOING"), "items[0].resolvedAt", nullValue()));
    }

    @Test
    void a_resolution_without_a_time_resolves_with_no_duration() {
        String org = newId("org");
        String id = declare(org, newId("unknown-end"), "SEV1", "2024-07-19T04:09:00Z", "Over, end unknown");
        given().contentType(ContentType.JSON).body(Map.of("precision", "DAY")).post("/api/incidents/" + id + "/resolution")
                .then().statusCode(400).body("errors.field", hasItem("/precision"));
        post("/api/incidents/" + id + "/resolution", Map.of("how", "Hosts recovered by hand over days")).statusCode(200);
        given().get("/api/incidents/" + id).then().statusCode(200)
                .body("status", is("RESOLVED"), "resolution.how", is("Hosts recovered by hand over days"),
                        "resolution.resolvedAt", nullValue(), "derived.resolvedAt", nullValue(), "derived.duration", nullValue());
        given().get("/api/incidents/" + id + "?at=2025-01-01T00:00:00Z").then().body("status", is("ONGOING"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org).then()
                        .body("items[0].status", is("RESOLVED"), "items[0].resolvedAt", nullValue()));
        given().queryParam("format", "markdown").get("/api/incidents/" + id + "/postmortem").then().statusCode(200)
                .body(containsString("an unrecorded time"));
    }

    @Test
    void revised_details_reach_the_catalogue() {
        String org = newId("org");
        String id = declare(org, newId("revised"), "SEV3", "2025-10-20T06:48:00Z", "Before");
        given().contentType(ContentType.JSON).body(Map.of("title", "After", "severity", "SEV1"))
                .patch("/api/incidents/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/incidents?organization=" + org).then()
                        .body("items[0].title", is("After"), "items[0].severity", is("SEV1")));
    }

    static String declare(String org, String id, String severity, String startedAt, String title) {
        post("/api/incidents", Map.of("incidentId", id, "title", title, "organization", org, "severity", severity,
                "startedAt", startedAt)).statusCode(201);
        return id;
    }
}
