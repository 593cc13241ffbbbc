package dev.faultline.web;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.declaration;
import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static dev.faultline.support.Incidents.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * Values no read model could hold are refused with 400 naming each field, before anything is
 * stored: times outside 1900–2999, times given as numbers, text with NUL, control characters or
 * lone surrogates. Bodies are limited by the bytes read, and an import reports every document.
 */
@QuarkusTest
class UnstorableInputTest {

    @Test
    void times_outside_the_range_every_read_model_holds_are_refused() {
        for (String startedAt : List.of("+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                "1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z")) {
            String id = newId("far");
            Map<String, Object> body = new HashMap<>(declaration(id));
            body.put("startedAt", startedAt);
            post("/api/incidents", body).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("/startedAt"), "errors.message", hasItem(containsString("1900")));
            given().get("/api/incidents/" + id).then().statusCode(404);
        }
        String id = declare(newId("far-resolved"));
        post("/api/incidents/" + id + "/resolution", Map.of("resolvedAt", "+999999999-12-31T23:59:59Z", "how", "x"))
                .statusCode(400).body("errors.field", hasItem("/resolvedAt"));
        post("/api/incidents/" + id + "/timeline", Map.of("at", "9999-01-01T00:00:00Z", "kind", "OTHER", "text", "x"))
                .statusCode(400).body("errors.field", hasItem("/at"));
        post("/api/incidents/" + id + "/remediations", Map.of("description", "x", "type", "PREVENT", "dueDate", "5000-01-01"))
                .statusCode(400).body("errors.field", hasItem("/dueDate"));
        given().get("/api/incidents/" + id + "?at=+999999999-12-31T23:59:59Z").then().statusCode(400)
                .body("errors.field", hasItem("at"));
        given().get("/api/incidents?startedFrom=-1000000000-01-01T00:00:00Z").then().statusCode(400);
        given().get("/api/incidents/" + id + "/postmortem").then().statusCode(200);
        assertThat(Incidents.eventCount(id)).isEqualTo(1);
    }

    @Test
    void times_given_as_numbers_are_refused_not_read_as_1970() {
        String id = newId("numeric-time");
        String body = """
                {"incidentId":"%s","title":"t","organization":"o","severity":"SEV2","startedAt":1e308}""".formatted(id);
        given().contentType(ContentType.JSON).body(body).post("/api/incidents").then().statusCode(400)
                .body("errors.field", hasItem("/startedAt"));
        given().contentType(ContentType.JSON).body(body.replace("1e308", "0")).post("/api/incidents").then().statusCode(400);
        given().get("/api/incidents/" + id).then().statusCode(404);
    }

    @Test
    void nul_control_characters_and_lone_surrogates_are_refused_naming_every_field() {
        String id = declare(newId("nul"));
        post("/api/incidents/" + id + "/timeline", Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER",
                "text", "a\u0000b", "source", "https://example.com/\u0007"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/text", "/source"), "errors.message", hasItem(containsString("U+0000")));
        post("/api/incidents/" + id + "/timeline", Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", "x\ud800y"))
                .statusCode(400).body("errors.message", hasItem(containsString("surrogate")));
        given().contentType(ContentType.JSON).body(Map.of("description", "d", "affectedServices", List.of("ok", "b\u0001"),
                        "figures", List.of(Map.of("name", "n\u0000", "value", "1"))))
                .put("/api/incidents/" + id + "/impact").then().statusCode(400)
                .body("errors.field", hasItems("/affectedServices/1", "/figures/0/name"));
        // tabs, newlines and emoji (a valid surrogate pair) are text
        post("/api/incidents/" + id + "/timeline", Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER",
                "text", "line one\n\tline two \uD83D\uDD25")).statusCode(200);
        assertThat(Incidents.eventCount(id)).isEqualTo(2);
    }

    @Test
    void an_import_reports_every_document_when_one_holds_a_nul() {
        StringBuilder body = new StringBuilder();
        String[] ids = new String[6];
        for (int i = 0; i < 6; i++) {
            ids[i] = newId("nd-nul");
            body.append(document(ids[i], "TRIGGER", i == 3 ? "bad\\u0000text" : "fine")).append('\n');
        }
        given().contentType("application/x-ndjson").body(utf8(body.toString())).post("/api/import").then()
                .statusCode(207)
                .body("summary.created", is(5), "summary.failed", is(1), "documents.size()", is(6),
                        "documents[3].result", is("failed"), "documents[3].errors[0].pointer", is("/timeline/0/text"));
        given().get("/api/incidents/" + ids[3]).then().statusCode(404);
        given().get("/api/incidents/" + ids[5]).then().statusCode(200);
    }

    @Test
    void a_chunked_body_is_limited_by_the_bytes_read() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        System.arraycopy(utf8("{\"incidentId\":\"chunked-x\",\"title\":\""), 0, big, 0, 34);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/incidents"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + dev.faultline.support.AdminByDefault.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big)))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException connectionClosedMidUpload) {
            status = 413; // the server may close the connection while the client still sends
        }
        assertThat(status).isEqualTo(413);
        // the same body with its length declared is refused before it is read, as a problem
        given().contentType(ContentType.JSON).body(big).post("/api/incidents").then().statusCode(413)
                .contentType("application/problem+json");
        given().get("/api/incidents/chunked-x").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void a_template_that_loops_without_bound_is_refused_at_upload() {
        given().contentType("text/plain").body("{#for i in 100000}{#for j in 100000}x{/for}{/for}")
                .put("/api/templates/loop-bomb").then().statusCode(400)
                .body("detail", containsString("10000"));
        given().get("/api/templates/loop-bomb").then().statusCode(404);
    }

    private static String document(String id, String kind, String text) {
        return """
                {"id":"%s","title":"An outage","organization":"Example","severity":"SEV2","startedAt":"2025-01-01T10:00:00Z",\
                "timeline":[{"id":"first","at":"2025-01-01T10:05:00Z","kind":"%s","text":"%s"}]}""".formatted(id, kind, text);
    }
}
