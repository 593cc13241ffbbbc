package dev.faultline.web;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The two time axes over HTTP: ?at= (incident time) and ?knownAt= (knowledge time). */
@QuarkusTest
class AsOfTest {

    @Test
    void at_shows_the_outage_as_it_stood_then_with_the_ddos_hypothesis_open_at_noon() {
        String id = declare(newId("cloudflare-replay"));
        String base = "/api/incidents/" + id;
        post(base + "/timeline", Map.of("entryId", "errors", "at", "2025-11-18T11:20:00Z", "kind", "TRIGGER",
                "text", "Network starts failing to deliver core traffic")).statusCode(200);
        post(base + "/root-causes", Map.of("rootCauseId", "ddos", "summary", "Hyper-scale DDoS attack suspected",
                "labels", List.of("response:misleading-hypothesis"), "identifiedAt", "2025-11-18T11:35:00Z")).statusCode(200);
        post(base + "/root-causes", Map.of("rootCauseId", "feature-file", "summary", "Bot Management feature file doubled",
                "labels", List.of("defect:unchecked-limit"), "identifiedAt", "2025-11-18T13:37:00Z")).statusCode(200);
        given().delete(base + "/root-causes/ddos?ruledOutAt=2025-11-18T13:05:00Z&reason=not+an+attack").then().statusCode(200);
        post(base + "/timeline", Map.of("entryId", "fixed", "at", "2025-11-18T14:30:00Z", "kind", "MITIGATION",
                "text", "Good feature file deployed")).statusCode(200);
        post(base + "/resolution", Map.of("resolvedAt", "2025-11-18T17:06:00Z")).statusCode(200);

        given().get(base + "?at=2025-11-18T12:00:00Z").then().statusCode(200)
                .body("asOf.at", is("2025-11-18T12:00:00Z"),
                        "status", is("ONGOING"),
                        "timeline.id", contains("errors"),
                        "rootCauses.id", contains("ddos"),
                        "rootCauses[0].status", is("STANDING"),
                        "resolution", nullValue());
        given().get(base + "?at=2025-11-18T15:00:00Z").then().statusCode(200)
                .body("status", is("ONGOING"),
                        "timeline.id", contains("errors", "fixed"),
                        "rootCauses.find { it.id == 'ddos' }.status", is("RULED_OUT"),
                        "rootCauses.find { it.id == 'feature-file' }.status", is("STANDING"));
        given().get(base + "?at=2025-11-18T18:00:00Z").then()
                .body("status", is("RESOLVED"), "derived.duration", is("PT5H46M"));
        given().get(base).then().body("status", is("RESOLVED"), "asOf", nullValue());
    }

    @Test
    void known_at_shows_only_what_had_been_recorded_by_then() {
        String id = declare(newId("knowledge"));
        String base = "/api/incidents/" + id;
        post(base + "/timeline", Map.of("entryId", "first", "at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "a"));
        post(base + "/timeline", Map.of("entryId", "second", "at", "2025-11-18T11:40:00Z", "kind", "ESCALATION", "text", "b"));
        List<String> recorded = given().get(base + "/events").then().extract().path("events.recordedAt");

        given().get(base + "?knownAt=" + recorded.get(1)).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("version", is(1), "timeline.id", contains("first"), "asOf.knownAt", is(recorded.get(1)));
        given().get(base + "?knownAt=" + recorded.get(0)).then().statusCode(200)
                .body("version", is(0), "timeline", empty());
        given().get(base + "?knownAt=2000-01-01T00:00:00Z").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(base + "/events?knownAt=" + recorded.get(1)).then().body("events.size()", is(2));
    }

    @Test
    void at_and_known_at_combine() {
        String id = declare(newId("both"));
        String base = "/api/incidents/" + id;
        post(base + "/timeline", Map.of("entryId", "early", "at", "2025-11-18T11:31:00Z", "kind", "DETECTION", "text", "a"));
        post(base + "/timeline", Map.of("entryId", "late", "at", "2025-11-18T16:00:00Z", "kind", "RECOVERY", "text", "b"));
        String afterBoth = given().get(base + "/events").then().extract().path("events[2].recordedAt");
        given().get(base + "?knownAt=" + afterBoth + "&at=2025-11-18T12:00:00Z").then()
                .body("timeline.id", contains("early"), "asOf.at", is("2025-11-18T12:00:00Z"));
    }
}
