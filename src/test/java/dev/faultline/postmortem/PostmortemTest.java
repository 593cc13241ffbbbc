package dev.faultline.postmortem;

import dev.faultline.support.Incidents;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** GET /api/incidents/{id}/postmortem in each template and format, on the seed incidents. */
@QuarkusTest
@TestProfile(Seeded.class)
class PostmortemTest {

    static final Map<String, List<String>> SECTIONS = Map.of(
            "google-sre", List.of("Date", "Authors", "Status", "Summary", "Impact", "Root Causes", "Trigger", "Resolution",
                    "Detection", "Action Items", "Lessons Learned", "Timeline", "Supporting information"),
            "atlassian", List.of("Incident summary", "Leadup", "Fault", "Impact", "Detection", "Response", "Recovery",
                    "Timeline", "Five whys", "Root cause", "Related records", "Lessons learned", "Corrective actions"),
            "pagerduty", List.of("Overview", "What Happened", "Contributing Factors", "Resolution", "Impact", "Responders",
                    "Timeline", "How'd We Do?", "Action Items", "Messaging"));

    static final Map<String, List<String>> SUBSECTIONS = Map.of(
            "google-sre", List.of("What went well", "What went wrong", "Where we got lucky"),
            "atlassian", List.of(),
            "pagerduty", List.of("What Went Well?", "What Didn't Go So Well?", "Internal Email", "External Message"));

    private static Response postmortem(String id, String template, String format) {
        return given().queryParam("template", template).queryParam("format", format)
                .get("/api/incidents/" + id + "/postmortem");
    }

    /** The provenance line names the moment of knowledge, which depends on when the seeds were imported. */
    private static String normalized(String document) {
        return document.replaceAll("as known at [0-9TZ:.\\-]+", "as known at <knownAt>")
                .replaceAll("\"knownAt\" : \"[0-9TZ:.\\-]+\"", "\"knownAt\" : \"<knownAt>\"");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"google-sre,markdown", "google-sre,html", "google-sre,json", "atlassian,markdown", "atlassian,html",
            "atlassian,json", "pagerduty,markdown", "pagerduty,html", "pagerduty,json"})
    void cloudflare_2025_11_18_matches_its_golden_file(String template, String format) throws IOException {
        String actual = normalized(postmortem("cloudflare-2025-11-18", template, format).then().statusCode(200)
                .extract().asString());
        String extension = format.equals("markdown") ? "md" : format;
        Path golden = Path.of("src/test/resources/golden/cloudflare-2025-11-18." + template + "." + extension);
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"google-sre", "atlassian", "pagerduty"})
    void every_section_of_the_template_is_there_in_order(String template) {
        JsonPath json = postmortem("cloudflare-2025-11-18", template, "json").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(json.getList("sections.heading")).containsExactlyElementsOf(SECTIONS.get(template));
        assertThat(json.getList("sections.subsections.heading.flatten()")).containsExactlyElementsOf(SUBSECTIONS.get(template));
        assertThat(json.getString("title")).contains("Cloudflare global outage");
        assertThat(json.getString("template")).isEqualTo(template);
        assertThat(json.getInt("templateVersion")).isEqualTo(1);
        String markdown = postmortem("cloudflare-2025-11-18", template, "markdown").then().extract().asString();
        for (String heading : SECTIONS.get(template)) {
            assertThat(markdown).contains("\n## " + heading + "\n");
        }
        String html = postmortem("cloudflare-2025-11-18", template, "html").then().extract().asString();
        for (String heading : SECTIONS.get(template)) {
            assertThat(html).contains("<h2>" + heading + "</h2>");
        }
    }

    @Test
    void every_seed_incident_renders_in_every_template_and_format() throws IOException {
        List<String> ids = Files.readAllLines(Path.of("seed-incidents/index.txt")).stream()
                .filter(line -> line.endsWith(".yaml")).map(line -> line.replace(".yaml", "")).toList();
        assertThat(ids).hasSize(60);
        for (String id : ids) {
            String title = given().get("/api/incidents/" + id).then().statusCode(200).extract().path("title");
            for (String template : SECTIONS.keySet()) {
                JsonPath json = postmortem(id, template, "json").then().statusCode(200).extract().jsonPath();
                assertThat(json.getList("sections.heading")).as(id + " " + template).containsExactlyElementsOf(SECTIONS.get(template));
                postmortem(id, template, "markdown").then().statusCode(200).body(containsString("# "));
                postmortem(id, template, "html").then().statusCode(200).body(containsString("</article>"));
                byte[] pdf = postmortem(id, template, "pdf").then().statusCode(200).extract().asByteArray();
                assertThat(text(pdf)).as(id + " " + template).contains(SECTIONS.get(template).get(0));
            }
            assertThat(title).isNotBlank();
        }
    }

    @Test
    void the_google_sre_postmortem_carries_the_facts() {
        String md = postmortem("cloudflare-2025-11-18", "google-sre", "markdown").then().statusCode(200)
                .header("Content-Disposition", is("attachment; filename=\"cloudflare-2025-11-18-google-sre.md\""))
                .header("Faultline-Template-Version", "1")
                .extract().asString();
        assertThat(md)
                .contains("| Action Item | Type | Owner | Status/Bug |")
                .contains("> “An outage like today is unacceptable\\.”".replace("\\.", "."))
                .contains("Matthew Prince, CEO")
                .contains("~~") // the DDoS hypothesis, ruled out
                .contains("Time to detect:")
                .contains("Rendered by Faultline from incident `cloudflare-2025-11-18` version");
    }

    @Test
    void pdf_has_every_heading_and_the_quotes_as_text() throws IOException {
        for (String template : SECTIONS.keySet()) {
            byte[] pdf = postmortem("cloudflare-2025-11-18", template, "pdf").then().statusCode(200)
                    .contentType("application/pdf").extract().asByteArray();
            String text = text(pdf);
            for (String heading : SECTIONS.get(template)) {
                assertThat(text).as(template).contains(heading);
            }
            assertThat(text).contains("Matthew Prince").contains("Rendered by Faultline");
        }
    }

    @Test
    void known_at_renders_the_same_bytes_every_time_whatever_was_recorded_since() {
        String id = Incidents.declare(Incidents.newId("pm-repro"));
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "first-alert", "at", "2025-11-18T11:28:00Z",
                "kind", "DETECTION", "text", "First alerts")).statusCode(200);
        Instant knownAt = Instant.now();
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "later", "at", "2025-11-18T12:00:00Z",
                "kind", "MITIGATION", "text", "A later fact")).statusCode(200);
        for (String format : List.of("markdown", "html", "json", "pdf")) {
            Response first = given().queryParam("knownAt", knownAt.toString()).queryParam("format", format)
                    .get("/api/incidents/" + id + "/postmortem");
            Response second = given().queryParam("knownAt", knownAt.toString()).queryParam("format", format)
                    .get("/api/incidents/" + id + "/postmortem");
            first.then().statusCode(200).header("Faultline-Known-At", knownAt.toString())
                    .header("Faultline-Incident-Version", "1");
            assertThat(second.asByteArray()).as(format).isEqualTo(first.asByteArray());
            assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
            assertThat(first.header("Repr-Digest")).startsWith("sha-256=:");
            if (!format.equals("pdf")) {
                assertThat(first.asString()).contains("First alerts").doesNotContain("A later fact");
            }
        }
        String current = given().get("/api/incidents/" + id + "/postmortem").then().statusCode(200).extract().asString();
        assertThat(current).contains("A later fact");
    }

    @Test
    void hostile_text_stays_text_in_every_format() throws IOException {
        String id = Incidents.newId("pm-hostile");
        Map<String, Object> declaration = new HashMap<>(Incidents.declaration(id));
        declaration.put("title", "<script>alert(1)</script> outage");
        given().contentType(ContentType.JSON).body(declaration).post("/api/incidents").then().statusCode(201);
        Incidents.post("/api/incidents/" + id + "/statements", Map.of("statementId", "evil", "speaker", "Mallory <b>",
                "role", "CTO", "quote", "# Not a heading\n- [click](javascript:alert(1)) | cell | <img src=x onerror=alert(1)>",
                "publishedAt", "2025-11-18T12:00:00Z", "channel", "BLOG")).statusCode(200);

        String html = postmortem(id, "google-sre", "html").then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("<script", "<img", "<b>", "href=\"javascript")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        String md = postmortem(id, "google-sre", "markdown").then().extract().asString();
        assertThat(md).doesNotContain("\n# Not a heading").contains("\\# Not a heading");
        JsonPath json = postmortem(id, "google-sre", "json").then().extract().jsonPath();
        assertThat(json.getList("sections.heading")).containsExactlyElementsOf(SECTIONS.get("google-sre"));
        String text = text(postmortem(id, "google-sre", "pdf").then().statusCode(200).extract().asByteArray());
        assertThat(text).contains("<script>alert(1)</script>");
    }

    @Test
    void accept_negotiates_the_format() throws IOException {
        given().accept("text/html").get("/api/incidents/cloudflare-2025-11-18/postmortem").then().statusCode(200)
                .contentType(startsWith("text/html"));
        given().accept("application/json").get("/api/incidents/cloudflare-2025-11-18/postmortem").then().statusCode(200)
                .contentType("application/json").body("format", is("faultline-postmortem/1"));
        byte[] pdf = given().accept("application/pdf").get("/api/incidents/cloudflare-2025-11-18/postmortem").then()
                .statusCode(200).extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        given().accept("image/png").get("/api/incidents/cloudflare-2025-11-18/postmortem").then().statusCode(406);
    }

    @Test
    void bad_requests_name_the_parameter() {
        given().queryParam("format", "docx").get("/api/incidents/cloudflare-2025-11-18/postmortem").then()
                .statusCode(400).body("errors[0].field", is("format"));
        given().queryParam("template", "nope").get("/api/incidents/cloudflare-2025-11-18/postmortem").then()
                .statusCode(400).body("errors[0].field", is("template"), "errors[0].message", containsString("google-sre"));
        given().queryParam("knownAt", "yesterday").get("/api/incidents/cloudflare-2025-11-18/postmortem").then()
                .statusCode(400).body("errors[0].field", is("knownAt"));
        given().queryParam("knownAt", "2001-01-01T00:00:00Z").get("/api/incidents/cloudflare-2025-11-18/postmortem").then()
                .statusCode(404);
        given().get("/api/incidents/no-such-incident/postmortem").then().statusCode(404);
    }

    @Test
    void bulk_export_zips_one_postmortem_per_matching_incident() throws IOException {
        byte[] zip = given().queryParam("template", "pagerduty").queryParam("q", "cloudflare")
                .get("/api/export/postmortems").then().statusCode(200).contentType("application/zip")
                .extract().asByteArray();
        List<String> names = entries(zip);
        assertThat(names).allMatch(n -> n.endsWith("-pagerduty.md"))
                .contains("cloudflare-2025-11-18-pagerduty.md", "cloudflare-2019-07-02-pagerduty.md")
                .doesNotContain("aws-2025-10-20-pagerduty.md", "gitlab-2017-01-31-pagerduty.md");
        given().queryParam("q", "x".repeat(501)).get("/api/export/postmortems").then().statusCode(400)
                .body("errors[0].field", is("q"));
        List<String> all = entries(given().queryParam("format", "html").get("/api/export/postmortems").then()
                .statusCode(200).extract().asByteArray());
        assertThat(all).hasSizeGreaterThanOrEqualTo(20).allMatch(n -> n.endsWith("-google-sre.html"));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                assertThat(in.readAllBytes()).isNotEmpty();
            }
        }
        return names;
    }

    /** A team's own postmortem gives no confidences: none is printed, not "unverified". */
    @Test
    void facts_recorded_without_a_confidence_print_none() {
        String id = Incidents.declare(Incidents.newId("own"));
        Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "alert", "at", "2025-11-18T11:31:00Z",
                "kind", "DETECTION", "text", "First alert fires")).statusCode(200);
        Incidents.post("/api/incidents/" + id + "/root-causes", Map.of("rootCauseId", "cause",
                "summary", "A generated file doubled in size", "labels", List.of("defect:latent-bug"))).statusCode(200);
        given().get("/api/incidents/" + id).then().body("rootCauses[0].confidence", nullValue(),
                "timeline[0].confidence", nullValue());
        for (String template : List.of("google-sre", "atlassian", "pagerduty")) {
            String markdown = postmortem(id, template, "markdown").then().statusCode(200).extract().asString();
            assertThat(markdown).contains("A generated file doubled in size", "First alert fires")
                    .doesNotContainIgnoringCase("unverified");
        }
    }
}
