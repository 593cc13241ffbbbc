package dev.faultline.postmortem;

import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** /api/templates: blank templates, custom templates stored as versioned events, the sandbox. */
@QuarkusTest
@TestProfile(Seeded.class)
class TemplateTest {

    private static final String ONE_PAGER = """
            # {incident.title}

            ## What happened

            {incident.summary}

            ## Causes

            {#for c in rootCauses}
            - {c.summary}
            {/for}
            """;

    private static io.restassured.response.ValidatableResponse put(String name, String source) {
        return given().contentType("text/plain").body(source).put("/api/templates/" + name).then();
    }

    @Test
    void the_built_in_templates_are_listed_with_their_sections() {
        JsonPath list = given().get("/api/templates").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("name")).startsWith("google-sre", "atlassian", "pagerduty");
        assertThat(list.getList("findAll { it.builtIn }.version")).containsOnly(1);
        assertThat(list.<String>getList("find { it.name == 'pagerduty' }.sections")).contains("Responders", "  Internal Email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"google-sre", "atlassian", "pagerduty"})
    void a_blank_template_has_every_heading_and_says_nothing_is_recorded(String name) {
        String blank = given().queryParam("format", "markdown").get("/api/templates/" + name).then().statusCode(200)
                .header("Content-Disposition", containsString(name + "-blank.md")).extract().asString();
        for (String heading : PostmortemTest.SECTIONS.get(name)) {
            assertThat(blank).contains("## " + heading);
        }
        assertThat(blank).contains("_Nothing recorded._").contains("Untitled incident");
        given().accept("application/json").get("/api/templates/" + name).then().statusCode(200)
                .body("sections.heading", is(PostmortemTest.SECTIONS.get(name)));
    }

    @Test
    void a_custom_template_is_versioned_used_listed_and_deleted() {
        put("one-pager", ONE_PAGER).statusCode(201).body("name", is("one-pager"), "version", is(1));
        put("one-pager", ONE_PAGER).statusCode(200).body("version", is(1)); // same source: nothing new
        put("one-pager", ONE_PAGER + "\n## Actions\n\n{#for a in actions}\n- {a.description}\n{/for}\n")
                .statusCode(200).body("version", is(2));

        String md = given().queryParam("template", "one-pager").get("/api/incidents/cloudflare-2025-11-18/postmortem")
                .then().statusCode(200).header("Faultline-Template-Version", "2").extract().asString();
        assertThat(md).startsWith("# Cloudflare global outage").contains("## Causes", "## Actions", "kill switches")
                .contains("template one-pager version 2");
        given().get("/api/templates").then().body("find { it.name == 'one-pager' }.version", is(2),
                "find { it.name == 'one-pager' }.builtIn", is(false));
        given().get("/api/templates/one-pager/source").then().statusCode(200).body(containsString("## Actions"));

        given().delete("/api/templates/one-pager").then().statusCode(204);
        given().delete("/api/templates/one-pager").then().statusCode(404);
        given().queryParam("template", "one-pager").get("/api/incidents/cloudflare-2025-11-18/postmortem")
                .then().statusCode(400).body("errors[0].field", is("template"));
        given().get("/api/templates").then().body("name", not(hasItem("one-pager")));
        put("one-pager", ONE_PAGER).statusCode(201).body("version", is(3)); // numbering continues
        given().get("/api/incidents/cloudflare-2025-11-18/events").then().body("events.type", not(hasItem("TemplateUploaded")));
    }

    /**
     * A stored template that renders small incidents but not a large one: three nested loops over a
     * 101-entry timeline would run a million times. The export is a 422 naming the template and its
     * limit, not a 500 or an exhausted server; other templates still export the incident.
     */
    @Test
    void a_stored_template_that_hits_a_limit_on_a_real_incident_is_a_422() {
        put("cubed", "# {incident.title}\n\n{#for a in timeline}{#for b in timeline}{#for c in timeline}{/for}{/for}{/for}\n")
                .statusCode(201);
        String id = "template-limit-" + Long.toHexString(System.nanoTime());
        List<java.util.Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 101; i++) {
            entries.add(java.util.Map.of("id", "step-" + i, "at", java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i).toString(),
                    "kind", "OTHER", "text", "Step " + i + "."));
        }
        given().contentType("application/json").body(java.util.Map.of("id", id, "title", "A long night", "organization", "Acme",
                        "severity", "SEV3", "startedAt", "2026-01-01T00:00:00Z", "timeline", entries))
                .post("/api/import").then().statusCode(200);
        given().queryParam("template", "cubed").get("/api/incidents/cloudflare-2025-11-18/postmortem").then().statusCode(200);
        given().queryParam("template", "cubed").get("/api/incidents/" + id + "/postmortem").then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("template cubed version 1 cannot render this incident"),
                        "detail", containsString("(limit)"), "errors[0].field", is("template"));
        given().get("/api/incidents/" + id + "/postmortem").then().statusCode(200);
        given().delete("/api/templates/cubed").then().statusCode(204);
    }

    @Test
    void a_template_that_does_not_parse_is_refused_with_its_line() {
        put("broken", "# Title\n\n{#for c in rootCauses}\n- {c.summary}\n").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", startsWith("line "), "detail", containsString("line"));
        put("broken-2", "# Title\n\nfine\n\n{incident.title\n").statusCode(400).body("errors[0].field", is("line 5"));
        given().get("/api/templates/broken").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{inject:postmortems}", "{cdi:postmortems}", "{incident.getClass}", "{incident.title.getClass.classLoader}",
            "{incident.title.toString}", "{#include google-sre /}", "{config:['quarkus.datasource.password']}", "{secret}",
            "{#for c in rootCauses}{c.summary.bytes}{/for}"})
    void a_template_cannot_reach_beyond_the_export_model(String expression) {
        put("sneaky", "# Title\n\n" + expression + "\n").statusCode(400).body("errors[0].field", startsWith("line"));
    }

    @Test
    void built_in_templates_cannot_be_replaced_or_deleted_and_names_are_checked() {
        put("google-sre", ONE_PAGER).statusCode(409).body("errors[0].field", is("name"));
        given().delete("/api/templates/atlassian").then().statusCode(409);
        put("Bad Name", ONE_PAGER).statusCode(anyOf(is(400), is(404)));
        put("ab", ONE_PAGER).statusCode(400).body("errors[0].field", is("name"));
        put("empty-one", "  ").statusCode(400);
        given().get("/api/templates/no-such-template").then().statusCode(404);
    }
}
