package dev.faultline.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * One vocabulary: what a client sends to the REST API and what a document holds use the same field
 * names, so the OpenAPI request schemas are checked against the document schema
 * (seed-incidents/schema.json), section by section.
 */
@QuarkusTest
class VocabularyTest {

    @Test
    void request_bodies_use_the_document_names() throws Exception {
        JsonNode openApi = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString()).path("components").path("schemas");
        JsonNode document = new ObjectMapper().readTree(Files.readString(Path.of("seed-incidents/schema.json")));
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        sections.put("DeclareIncident", document);
        sections.put("TimelineEntryBody", items(document, "timeline"));
        sections.put("TimelineCorrectionBody", items(document, "timeline"));
        sections.put("StatementBody", items(document, "statements"));
        sections.put("RootCauseBody", items(document, "rootCauses"));
        sections.put("RootCauseRevisionBody", items(document, "rootCauses"));
        sections.put("ContributingFactorBody", items(document, "contributingFactors"));
        sections.put("ImpactBody", document.path("properties").path("impact"));
        sections.put("RemediationBody", items(document, "remediations"));
        sections.put("ResolutionBody", document.path("properties").path("resolution"));
        sections.put("LinkBody", items(document, "links"));
        sections.put("ReviseDetailsBody", document);
        // the check itself: a request field the documents do not have is caught
        assertThat(names(openApi.get("LinkBody"))).contains("incidentId").doesNotContain("otherIncidentId");
        assertThat(names(openApi.get("TimelineEntryBody"))).contains("id").doesNotContain("entryId");

        Map<String, Set<String>> foreign = new LinkedHashMap<>();
        sections.forEach((schema, section) -> {
            assertThat(openApi.has(schema)).as("OpenAPI schema " + schema).isTrue();
            Set<String> documentNames = names(section);
            Set<String> apiNames = names(openApi.get(schema));
            assertThat(apiNames).as(schema + " fields").isNotEmpty();
            assertThat(documentNames).as(schema + "'s document section").isNotEmpty();
            apiNames.removeAll(documentNames);
            apiNames.removeAll(API_ONLY);
            if (!apiNames.isEmpty()) {
                foreign.put(schema, apiNames);
            }
        });
        assertThat(foreign).as("request fields with no same-named field in the document schema").isEmpty();
    }

    /** Fields that only a request has: the reason for a change, a status's world time. */
    private static final Set<String> API_ONLY = Set.of("reason", "statusAt", "statusPrecision");

    @Test
    void former_names_are_still_read() {
        String id = Incidents.newId("vocabulary");
        Map<String, Object> declaration = new LinkedHashMap<>(Incidents.declaration(id));
        declaration.remove("id");
        declaration.put("incidentId", id);
        given().contentType(ContentType.JSON).body(declaration).post("/api/incidents").then().statusCode(201);
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "old-name", "at", "2025-11-18T11:31:00Z",
                "kind", "DETECTION", "text", "alert")).statusCode(200);
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("id", "new-name", "at", "2025-11-18T11:32:00Z",
                "kind", "DETECTION", "text", "alert")).statusCode(200);
        given().get("/api/incidents/" + id).then().body("timeline.id", org.hamcrest.Matchers.contains("old-name", "new-name"));
    }

    @Test
    void errors_name_body_fields_by_pointer_and_parameters_by_name() {
        given().contentType(ContentType.JSON).body(Map.of("title", "", "organization", "x", "severity", "SEV1",
                        "startedAt", "2025-11-18T11:20:00Z", "id", "Not A Slug")).post("/api/incidents").then()
                .statusCode(400).body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/id", "/title"));
        // a bad value reads the same in a REST error as in an import error
        given().contentType(ContentType.JSON).body(Map.of("id", "vocabulary-time", "title", "t", "organization", "x",
                        "severity", "SEV1", "startedAt", "yesterday")).post("/api/incidents").then()
                .statusCode(400).body("errors[0].pointer", is("/startedAt"),
                        "errors[0].message", is("'yesterday' is not an ISO-8601 instant such as 2025-11-18T11:20:00Z"));
        given().get("/api/incidents?sort=sideways").then().statusCode(400)
                .body("errors[0].parameter", is("sort"), "errors[0].pointer", org.hamcrest.Matchers.nullValue());
    }

    private static JsonNode items(JsonNode document, String section) {
        return document.path("properties").path(section).path("items");
    }

    private static Set<String> names(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

}
