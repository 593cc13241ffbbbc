package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile input corpus over every endpoint — times out of range or as numbers, NUL and control
 * characters, lone surrogates, huge strings and arrays, deep nesting, unknown enums, wrong media
 * types, malformed bodies, template loops, odd paths and parameters. No answer may be a 5xx, every
 * refusal is a problem+json (but the HTTP server's own 404, 405 and 414), and what was stored
 * before is unchanged after.
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // ("" for an optional time means "none", and "SEV1 " names SEV1: lenient, not hostile)
    private static final List<Object> BAD_TIMES = List.of("+999999999-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
            1e308, 0, "2025-13-45", "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "yesterday", List.of(2025, 1, 1));
    private static final List<Object> BAD_TEXTS = List.of("a\u0000b", "x\ud800", "bell\u0007", "\uffff",
            "x".repeat(60_000), List.of("not", "a", "string"), Map.of("an", "object"));
    private static final List<Object> BAD_ENUMS = List.of("NOT_A_VALUE", "", 7, "SEV1;DROP");

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private int requests;

    @Test
    void no_hostile_request_gets_a_5xx_or_changes_what_is_stored() throws Exception {
        String id = declare(newId("hostile"));
        String base = "/api/incidents/" + id;
        send("seed entry", () -> json().body(Map.of("entryId", "kept-entry", "at", "2025-11-18T11:31:00Z",
                "kind", "DETECTION", "text", "kept")).post(base + "/timeline"), true);
        send("seed cause", () -> json().body(Map.of("rootCauseId", "kept-cause", "summary", "kept",
                "labels", List.of("defect:latent-bug"))).post(base + "/root-causes"), true);
        send("seed action", () -> json().body(Map.of("actionId", "kept-action", "description", "kept",
                "type", "PREVENT")).post(base + "/remediations"), true);
        String other = declare(newId("hostile-other"));
        String before = snapshot(id);
        // the catalogue is eventually consistent: count once it holds every incident written so far
        // (an earlier test class's last incident could otherwise arrive during this test)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/admin/projections").then().statusCode(200)
                        .body("lag", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(0))));
        int total = given().get("/api/incidents?size=1").then().extract().path("total");

        Map<String, Map<String, Object>> writes = new LinkedHashMap<>();
        writes.put("POST /api/incidents", Map.of("incidentId", newId("hostile-new"), "title", "t", "organization", "o",
                "severity", "SEV2", "startedAt", "2025-01-01T00:00:00Z", "summary", "s",
                "affectedServices", List.of("a"), "sources", List.of("https://example.com/")));
        writes.put("PATCH " + base, Map.of("title", "t", "startedAt", "2025-01-01T00:00:00Z", "severity", "SEV2"));
        writes.put("POST " + base + "/timeline", Map.of("at", "2025-11-18T11:40:00Z", "kind", "OTHER", "text", "t",
                "confidence", "CONFIRMED", "precision", "MINUTE", "source", "https://example.com/"));
        writes.put("PUT " + base + "/timeline/kept-entry", Map.of("at", "2025-11-18T11:40:00Z", "kind", "DETECTION",
                "text", "t", "reason", "r"));
        writes.put("POST " + base + "/statements", Map.of("speaker", "s", "role", "CTO", "publishedAt",
                "2025-11-18T12:00:00Z", "channel", "BLOG", "quote", "q"));
        writes.put("POST " + base + "/root-causes", Map.of("summary", "s", "labels", List.of("defect:latent-bug"),
                "identifiedAt", "2025-11-18T12:00:00Z"));
        writes.put("PUT " + base + "/root-causes/kept-cause", Map.of("summary", "s", "labels", List.of("defect:latent-bug"),
                "identifiedAt", "2025-11-18T12:00:00Z"));
        writes.put("POST " + base + "/contributing-factors", Map.of("text", "t", "labels", List.of("spread:global-instant-push")));
        writes.put("PUT " + base + "/impact", Map.of("description", "d", "affectedServices", List.of("a"),
                "figures", List.of(Map.of("name", "n", "value", "v"))));
        writes.put("POST " + base + "/remediations", Map.of("description", "d", "type", "PREVENT", "owner", "o",
                "dueDate", "2026-01-01"));
        writes.put("PATCH " + base + "/remediations/kept-action", Map.of("status", "IN_PROGRESS", "note", "n"));
        writes.put("POST " + base + "/resolution", Map.of("resolvedAt", "2025-11-18T17:00:00Z", "how", "h"));
        writes.put("POST " + base + "/links", Map.of("otherIncidentId", other, "relation", "SAME_ROOT_CAUSE", "note", "n"));

        for (Map.Entry<String, Map<String, Object>> write : writes.entrySet()) {
            String method = write.getKey().substring(0, write.getKey().indexOf(' '));
            String path = write.getKey().substring(method.length() + 1);
            for (String field : write.getValue().keySet()) {
                Object valid = write.getValue().get(field);
                for (Object bad : hostileValuesFor(field, valid)) {
                    Map<String, Object> body = new LinkedHashMap<>(write.getValue());
                    body.put(field, bad);
                    send(write.getKey() + " " + field + "=" + describe(bad),
                            () -> json().body(toJson(body)).request(method, path), false);
                }
            }
            // shapes of the body as a whole
            send(write.getKey() + " text/plain", () -> given().contentType("text/plain").body("x").request(method, path), false);
            send(write.getKey() + " no content type", () -> given().body(utf8("{}")).request(method, path), false);
            send(write.getKey() + " xml", () -> given().contentType("application/xml").body("<a/>").request(method, path), false);
            send(write.getKey() + " malformed", () -> json().body("{\"a\": ").request(method, path), false);
            send(write.getKey() + " array", () -> json().body("[]").request(method, path), false);
            send(write.getKey() + " deep nesting", () -> json().body("[".repeat(5_000) + "]".repeat(5_000)).request(method, path), false);
            send(write.getKey() + " 2 MB", () -> json().body(("{\"text\":\"" + "x".repeat(2_000_000) + "\"}").getBytes()).request(method, path), false);
            send(write.getKey() + " unknown field", () -> json().body(Map.of("sneaky", 1)).request(method, path), false);
        }

        // deletes and parameters
        for (String reason : List.of("a\u0000b", "x".repeat(5_000))) {
            send("DELETE entry reason=" + describe(reason), () -> given().queryParam("reason", reason)
                    .delete(base + "/timeline/kept-entry"), false);
        }
        for (Object at : BAD_TIMES) {
            if (!"".equals(at)) {
                send("DELETE cause ruledOutAt=" + describe(at), () -> given().queryParam("ruledOutAt", String.valueOf(at))
                        .queryParam("reason", "r").delete(base + "/root-causes/kept-cause"), false);
            }
            send("GET incident at=" + describe(at), () -> given().queryParam("at", String.valueOf(at)).get(base), false);
            send("GET incident knownAt=" + describe(at), () -> given().queryParam("knownAt", String.valueOf(at)).get(base), false);
            send("GET incidents startedFrom=" + describe(at), () -> given().queryParam("startedFrom", String.valueOf(at))
                    .get("/api/incidents"), false);
            send("GET postmortem knownAt=" + describe(at), () -> given().queryParam("knownAt", String.valueOf(at))
                    .get(base + "/postmortem"), false);
        }
        send("DELETE link relation=bad", () -> given().queryParam("relation", "NOPE").delete(base + "/links/" + other), false);
        for (String q : List.of("\u0000", "\"unclosed", "a".repeat(20_000), "*:*", "title:(", "((((((((((((((((x",
                "~~~~", "x^999999", "+-+-+-", "%00", "\ud800")) {
            send("GET search q=" + describe(q), () -> given().queryParam("q", q).get("/api/search"), false);
        }
        // a long parameter is read and refused by name, not cut off with the connection
        given().queryParam("q", "a".repeat(20_000)).get("/api/search").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("q"));
        for (String[] param : new String[][]{{"page", "-1"}, {"page", "99999999999"}, {"size", "0"}, {"size", "1000000"},
                {"sort", "nope"}, {"severity", "SEV9"}, {"label", "not a label"}, {"minPosition", "-5"},
                {"minPosition", "999999999999"}, {"year", "99999999999"}}) {
            send("GET search " + param[0] + "=" + param[1], () -> given().queryParam("q", "dns")
                    .queryParam(param[0], param[1]).get("/api/search"), false);
            send("GET incidents " + param[0] + "=" + param[1], () -> given().queryParam(param[0], param[1])
                    .get("/api/incidents"), false);
        }
        for (String path : List.of("/api/incidents/..%2F..%2Fetc", "/api/incidents/%00", "/api/incidents/" + "a".repeat(5_000),
                "/api/incidents/%F0%9F%94%A5", "/api/incidents/" + id + "/timeline/%00", "/api/incidents/" + id + "/events?knownAt=x")) {
            send("GET " + describe(path), () -> given().urlEncodingEnabled(false).get(path), false);
        }
        for (String[] param : new String[][]{{"template", "nope"}, {"template", "../../etc/passwd"}, {"format", "exe"},
                {"format", "pdf\u0000"}}) {
            send("GET postmortem " + param[0] + "=" + describe(param[1]), () -> given().queryParam(param[0], param[1])
                    .get(base + "/postmortem"), false);
            send("GET export postmortems " + param[0] + "=" + describe(param[1]), () -> given().queryParam(param[0], param[1])
                    .get("/api/export/postmortems"), false);
        }
        send("GET export incidents format=exe", () -> given().queryParam("format", "exe").get("/api/export/incidents"), false);

        // custom templates
        for (String source : List.of("{#for i in 100000}{#for j in 100000}x{/for}{/for}", "{#for i in 99999999999999999999}x{/for}",
                "{#include other /}", "{inject:foo}", "{#if}", "a\u0000b", "{#for}", "x".repeat(250_000))) {
            send("PUT template " + describe(source), () -> given().contentType("text/plain").body(utf8(source))
                    .put("/api/templates/hostile-tpl"), false);
        }
        send("PUT template name=..", () -> given().contentType("text/plain").body("x").put("/api/templates/..%2Fx"), false);
        send("PUT template json", () -> json().body("{}").put("/api/templates/hostile-json"), false);

        // imports
        send("import NDJSON with NUL among good ones", () -> given().contentType("application/x-ndjson").body(utf8(
                "{\"id\":\"" + newId("imp") + "\",\"title\":\"t\",\"organization\":\"o\",\"severity\":\"SEV2\",\"startedAt\":\"+999999999-12-31T23:59:59Z\"}\n"
                        + "{\"id\":\"" + newId("imp") + "\",\"title\":\"a\\u0000b\",\"organization\":\"o\",\"severity\":\"SEV2\",\"startedAt\":\"2025-01-01T00:00:00Z\"}\n"
                        + "{not json\n")).post("/api/import"), false);
        send("import YAML bomb", () -> given().contentType("application/yaml").body(utf8(
                "a: &a [\"x\",\"x\"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n")).post("/api/import"), false);
        send("import YAML malformed", () -> given().contentType("application/yaml").body(utf8("id: [")).post("/api/import"), false);
        send("import JSON deep", () -> json().body("[".repeat(5_000)).post("/api/import"), false);
        send("import xml", () -> given().contentType("application/xml").body("<a/>").post("/api/import"), false);
        send("import numeric time", () -> json().body("{\"id\":\"" + newId("imp") + "\",\"title\":\"t\",\"organization\":\"o\","
                + "\"severity\":\"SEV2\",\"startedAt\":1e308}").post("/api/import"), false);

        // operations
        send("rebuild unknown", () -> given().post("/api/admin/projections/nope/rebuild"), false);
        send("rebuild traversal", () -> given().urlEncodingEnabled(false).post("/api/admin/projections/..%2F..%2Fx/rebuild"), false);

        assertThat(requests).as("the corpus is at least 200 requests").isGreaterThanOrEqualTo(200);
        assertThat(failures).as("requests answered with a 5xx or without a problem").isEmpty();
        assertThat(snapshot(id)).as("the stored incident is unchanged").isEqualTo(before);
        int after = given().get("/api/incidents?size=1").then().extract().path("total");
        assertThat(after).as("no incident was created").isEqualTo(total);
        given().get("/q/health/live").then().statusCode(200);
    }

    /** Values of the wrong kind for a field, chosen from what the valid value is. */
    private static List<Object> hostileValuesFor(String field, Object valid) {
        List<Object> values = new ArrayList<>();
        if (field.endsWith("At") || field.equals("dueDate")) {
            values.addAll(BAD_TIMES);
        } else if (List.of("severity", "kind", "confidence", "precision", "channel", "type", "status", "relation")
                .contains(field)) {
            values.addAll(BAD_ENUMS);
        } else if (valid instanceof List<?>) {
            values.add(Collections.nCopies(100_000, "defect:latent-bug"));
            values.add(List.of("a\u0000b"));
            values.add(List.of("x\ud800"));
            values.add("not a list");
        } else {
            values.addAll(BAD_TEXTS);
        }
        return values;
    }

    private void send(String name, Supplier<Response> request, boolean mustSucceed) {
        requests++;
        Response r;
        try {
            r = request.get();
        } catch (Exception e) { // REST Assured rethrows socket errors unchecked
            if (!name.endsWith(" 2 MB")) {
                failures.add(name + ": the connection failed (" + e + ")");
            }
            // an oversized body may be refused (413, Connection: close) while it is still being sent
            return;
        }
        int status = r.statusCode();
        if (mustSucceed ? status >= 300 : status >= 500) {
            failures.add(name + " → " + status + " " + abbreviate(r.asString()));
        } else if (status >= 400 && status != 404 && status != 405 && status != 414 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            failures.add(name + " → " + status + " without a problem+json (" + r.contentType() + ")");
        } else if (!mustSucceed && status < 300 && !name.startsWith("GET") && !name.startsWith("import")) {
            failures.add(name + " → " + status + ": a hostile write was accepted");
        }
    }

    private static String snapshot(String id) {
        return given().get("/api/incidents/" + id).then().statusCode(200).extract().asString()
                + given().get("/api/incidents/" + id + "/events").then().statusCode(200).extract().path("events.size()");
    }

    private static RequestSpecification json() {
        return given().contentType("application/json");
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        text = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
        return text.replace("\u0000", "\\0");
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
