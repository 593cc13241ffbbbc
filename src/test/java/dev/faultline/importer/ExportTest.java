package dev.faultline.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** Export as NDJSON and as a zip of YAML, and export → import reproduces the same incidents. */
@QuarkusTest
class ExportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Imports the real Cloudflare document under a fresh id and returns that id. */
    static String importCloudflareAs(String id) throws IOException {
        String yaml = Files.readString(Path.of("seed-incidents/cloudflare-2025-11-18.yaml"))
                .replace("id: cloudflare-2025-11-18", "id: " + id);
        given().contentType("application/yaml").body(utf8(yaml)).post("/api/import").then()
                .body("documents[0].result", is("created"));
        return id;
    }

    static Map<String, JsonNode> exportedNdjson() throws IOException {
        String body = given().get("/api/export/incidents").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        Map<String, JsonNode> docs = new HashMap<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode doc = JSON.readTree(line);
                docs.put(doc.get("id").asText(), doc);
            }
        }
        return docs;
    }

    @Test
    void an_exported_incident_reimports_unchanged_and_reproduces_under_a_new_id() throws IOException {
        String id = importCloudflareAs(newId("export-cf"));
        given().delete("/api/incidents/" + id + "/timeline/customer-errors?reason=test").then().statusCode(200);
        JsonNode exported = exportedNdjson().get(id);
        assertThat(exported).isNotNull();
        assertThat(exported.at("/timeline").size()).isEqualTo(14);
        assertThat(exported.at("/rootCauses/0/ruledOut/at").asText()).isEqualTo("2025-11-18T13:05:00Z");

        given().contentType("application/x-ndjson").body(utf8(exported + "\n")).post("/api/import").then()
                .body("documents[0].result", is("unchanged"));

        String copy = newId("export-copy");
        ObjectNode renamed = exported.deepCopy();
        renamed.put("id", copy);
        given().contentType("application/x-ndjson").body(utf8(renamed + "\n")).post("/api/import").then()
                .body("documents[0].result", is("created"));
        ObjectNode reproduced = (ObjectNode) exportedNdjson().get(copy);
        reproduced.put("id", id);
        assertThat(reproduced).isEqualTo(exported);
        given().get("/api/incidents/" + copy).then()
                .body("timeline.find { it.id == 'customer-errors' }.retracted.reason", is("test"),
                        "derived.timeToDetect", is("PT11M"));
    }

    @Test
    void the_zip_holds_one_yaml_document_per_incident() throws IOException {
        String id = importCloudflareAs(newId("export-zip"));
        byte[] zip = given().get("/api/export/incidents?format=zip").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        Map<String, JsonNode> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new YAMLMapper().readTree(in.readAllBytes()));
            }
        }
        assertThat(entries).containsKey(id + ".yaml");
        assertThat(entries.get(id + ".yaml").get("organization").asText()).isEqualTo("Cloudflare");
        given().get("/api/export/incidents?format=pdf").then().statusCode(400);
    }
}
