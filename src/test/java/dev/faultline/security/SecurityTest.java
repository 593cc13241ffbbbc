package dev.faultline.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.faultline.support.FreshDatabase;
import dev.faultline.support.Incidents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Who may do what (issue 20): every operation of the OpenAPI document against every role, API tokens'
 * life cycle, the actor recorded from the token (never a header), and the safe-exposure rules.
 */
@QuarkusTest
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class SecurityTest {

    /**
     * The role each operation needs. A new endpoint missing here fails {@link #every_operation_has_a_rule}:
     * deciding who may call it is part of adding it.
     */
    static final Map<String, String> RULES = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/admin/projections", "admin"),
            Map.entry("POST /api/admin/projections/{name}/parked/{eventId}/retry", "admin"),
            Map.entry("POST /api/admin/projections/{name}/parked/{eventId}/skip", "admin"),
            Map.entry("POST /api/admin/projections/{name}/rebuild", "admin"),
            Map.entry("GET /api/admin/tokens", "admin"),
            Map.entry("POST /api/admin/tokens", "admin"),
            Map.entry("DELETE /api/admin/tokens/{tokenId}", "admin"),
            Map.entry("GET /api/export/incidents", "reader"),
            Map.entry("GET /api/export/postmortems", "reader"),
            Map.entry("POST /api/import", "editor"),
            Map.entry("GET /api/incidents", "reader"),
            Map.entry("GET /api/me", "reader"),
            Map.entry("POST /api/incidents", "editor"),
            Map.entry("GET /api/incidents/{id}", "reader"),
            Map.entry("PATCH /api/incidents/{id}", "editor"),
            Map.entry("POST /api/incidents/{id}/contributing-factors", "editor"),
            Map.entry("GET /api/incidents/{id}/events", "reader"),
            Map.entry("PUT /api/incidents/{id}/impact", "editor"),
            Map.entry("POST /api/incidents/{id}/links", "editor"),
            Map.entry("DELETE /api/incidents/{id}/links/{otherId}", "editor"),
            Map.entry("GET /api/incidents/{id}/postmortem", "reader"),
            Map.entry("GET /api/incidents/{id}/recurrence", "reader"),
            Map.entry("GET /api/incidents/{id}/related", "reader"),
            Map.entry("POST /api/incidents/{id}/remediations", "editor"),
            Map.entry("PATCH /api/incidents/{id}/remediations/{actionId}", "editor"),
            Map.entry("POST /api/incidents/{id}/resolution", "editor"),
            Map.entry("POST /api/incidents/{id}/root-causes", "editor"),
            Map.entry("PUT /api/incidents/{id}/root-causes/{rootCauseId}", "editor"),
            Map.entry("DELETE /api/incidents/{id}/root-causes/{rootCauseId}", "editor"),
            Map.entry("POST /api/incidents/{id}/statements", "editor"),
            Map.entry("GET /api/incidents/{id}/suggested-labels", "reader"),
            Map.entry("POST /api/incidents/{id}/timeline", "editor"),
            Map.entry("PUT /api/incidents/{id}/timeline/{entryId}", "editor"),
            Map.entry("DELETE /api/incidents/{id}/timeline/{entryId}", "editor"),
            Map.entry("GET /api/patterns", "reader"),
            Map.entry("GET /api/patterns/{key}", "reader"),
            Map.entry("GET /api/recurrences", "reader"),
            Map.entry("GET /api/remediations", "reader"),
            Map.entry("GET /api/search", "reader"),
            Map.entry("GET /api/stats", "reader"),
            Map.entry("GET /api/taxonomy", "reader"),
            Map.entry("PUT /api/taxonomy/labels/{label}", "admin"),
            Map.entry("POST /api/taxonomy/labels/{label}/rename", "admin"),
            Map.entry("GET /api/templates", "reader"),
            Map.entry("GET /api/templates/{name}", "reader"),
            Map.entry("GET /api/templates/{name}/source", "reader"),
            Map.entry("PUT /api/templates/{name}", "admin"),
            Map.entry("DELETE /api/templates/{name}", "admin")));

    static final List<String> ROLES = List.of("reader", "editor", "admin");

    @Test
    void every_operation_has_a_rule() {
        assertThat(operations()).as("operations of /q/openapi").isEqualTo(new TreeSet<>(RULES.keySet()));
    }

    @Test
    void every_operation_refuses_the_roles_below_its_own_and_admits_its_own() {
        Map<String, String> tokens = new TreeMap<>();
        for (String role : ROLES) {
            tokens.put(role, create("matrix-" + role, role, null).getString("token"));
        }
        List<String> wrong = new ArrayList<>();
        for (String operation : operations()) {
            String needed = RULES.get(operation);
            int status = call(given().auth().none(), operation);
            if (status != 401) {
                wrong.add(operation + " anonymous: " + status);
            }
            for (String role : ROLES) {
                status = call(given().auth().oauth2(tokens.get(role)), operation);
                boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(needed);
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(operation + " as " + role + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The operation with made-up path values and an empty JSON body; the answer's status. */
    static int call(RequestSpecification request, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1)
                .replace("{key}", "defect:latent-bug").replace("{label}", "defect:latent-bug")
                .replaceAll("\\{[^}]+}", "no-such-thing");
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request = request.contentType(path.endsWith("/templates/no-such-thing") ? "text/plain" : "application/json")
                    .body(path.endsWith("/templates/no-such-thing") ? "x" : "{}");
        }
        return request.request(method, path).statusCode();
    }

    static TreeSet<String> operations() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        TreeSet<String> operations = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> operations.add(m.toUpperCase() + " " + path)));
        return operations;
    }

    static JsonPath create(String name, String role, Instant expiresAt) {
        Map<String, Object> body = new TreeMap<>(Map.of("name", name, "role", role));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/admin/tokens")
                .then().statusCode(201).body("token", startsWith("fl_")).extract().jsonPath();
    }

    @Test
    void a_token_is_shown_once_used_by_its_role_and_refused_once_revoked() {
        JsonPath created = create("lifecycle-reader", "reader", null);
        String token = created.getString("token");
        String id = created.getString("id");
        given().auth().oauth2(token).get("/api/incidents").then().statusCode(200);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("actor", is("token:lifecycle-reader"), "role", is("reader"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Incidents.declaration("lifecycle-outage"))
                .post("/api/incidents").then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().get("/api/admin/tokens").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", is("lifecycle-reader"),
                        "find { it.id == '" + id + "' }.role", is("reader"),
                        "token", everyItem(nullValue()));
        given().delete("/api/admin/tokens/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/api/incidents").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(startsWith("application/problem+json"));
        given().delete("/api/admin/tokens/" + id).then().statusCode(404);
    }

    @Test
    void an_expired_token_is_refused() throws InterruptedException {
        String token = create("short-lived", "reader", Instant.now().plusSeconds(2)).getString("token");
        given().auth().oauth2(token).get("/api/incidents").then().statusCode(200);
        Thread.sleep(2_500);
        given().auth().oauth2(token).get("/api/incidents").then().statusCode(401);
    }

    @Test
    void a_bad_token_request_names_every_field() {
        given().contentType(ContentType.JSON).body(Map.of("name", "", "role", "owner", "expiresAt", "yesterday"))
                .post("/api/admin/tokens").then().statusCode(400)
                .body("errors.pointer", is(List.of("/name", "/role", "/expiresAt")));
        create("twice", "reader", null);
        given().contentType(ContentType.JSON).body(Map.of("name", "twice", "role", "reader"))
                .post("/api/admin/tokens").then().statusCode(409);
    }

    @Test
    void credentials_that_are_not_a_live_token_are_401_even_where_reading_is_open() {
        given().auth().oauth2("fl_not-a-token").get("/api/incidents").then().statusCode(401);
        given().auth().none().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/incidents").then().statusCode(401);
        given().auth().none().get("/q/metrics").then().statusCode(401);
        given().auth().none().get("/q/openapi").then().statusCode(401);
        given().auth().none().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void the_actor_is_the_token_never_a_header() {
        String token = create("alice-script", "editor", null).getString("token");
        given().auth().oauth2(token).header("X-Actor", "mallory").header("X-Forwarded-User", "mallory")
                .header("X-Correlation-Id", "alice-run-1")
                .contentType(ContentType.JSON).body(Incidents.declaration("actor-outage"))
                .post("/api/incidents").then().statusCode(201);
        given().get("/api/incidents/actor-outage/events").then().statusCode(200)
                .body("events.actor", everyItem(is("token:alice-script")),
                        "events[0].correlationId", is("alice-run-1"));
    }

    @Test
    void a_write_in_a_type_its_endpoint_does_not_read_is_415_so_a_cross_origin_simple_post_is_refused() throws Exception {
        String declaration = "{\"id\":\"cross-origin\",\"title\":\"x\",\"organization\":\"x\",\"severity\":\"SEV3\","
                + "\"startedAt\":\"2025-11-18T11:20:00Z\"}";
        given().header("Origin", "https://evil.example").contentType("text/plain").body(declaration)
                .post("/api/incidents").then().statusCode(415)
                .header("Access-Control-Allow-Origin", nullValue())
                .contentType(startsWith("application/problem+json"));
        given().body(declaration.getBytes()).post("/api/incidents").then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
        java.net.http.HttpResponse<String> untyped = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/incidents"))
                        .header("Authorization", "Bearer " + dev.faultline.support.AdminByDefault.ADMIN_TOKEN)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(declaration)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).as("a POST without Content-Type").isEqualTo(415);
        assertThat(untyped.body()).contains("no Content-Type given").contains("application/json");
        given().get("/api/incidents/cross-origin").then().statusCode(404);
    }

    @Test
    void html_answers_carry_the_security_headers_and_json_ones_nosniff() {
        given().get("/api/incidents").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        Incidents.declare("headers-outage");
        given().accept("text/html").get("/api/incidents/headers-outage/postmortem?format=html").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void the_ui_is_served_at_its_pages_without_a_token_and_its_index_is_revalidated() {
        given().auth().none().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        for (String page : List.of("/incidents/cloudflare-2025-11-18", "/patterns", "/patterns/defect:latent-bug+trigger:change",
                "/remediations", "/import", "/new")) {
            given().auth().none().get(page).then().statusCode(200)
                    .contentType(startsWith("text/html")).body(containsString("<div id=\"app\">"));
        }
        given().auth().none().get("/api/incidents/cloudflare-2025-11-18").then().statusCode(401); // the data is not
    }

    @Test
    void location_does_not_echo_the_host_header() {
        String location = given().header("Host", "evil.example").contentType(ContentType.JSON)
                .body(Incidents.declaration("location-outage")).post("/api/incidents")
                .then().statusCode(201).header("Location", notNullValue()).extract().header("Location");
        assertThat(location).doesNotContain("evil.example").endsWith("/api/incidents/location-outage");
        given().get("/api/incidents").then().body("items.id", hasItem("location-outage"))
                .body("items.id", not(hasItem("cross-origin")));
    }
}
