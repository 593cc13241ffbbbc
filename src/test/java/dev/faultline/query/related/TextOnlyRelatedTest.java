package dev.faultline.query.related;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.faultline.search.SearchSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judged set again, on a catalogue whose every label and link was stripped: only what the
 * incidents say remains. Most expected relatives must still be found (the threshold is stated
 * below), so an incident recorded as plain text still finds its relatives.
 */
@QuarkusTest
@TestProfile(TextOnlyRelatedTest.Unseeded.class)
class TextOnlyRelatedTest {

    /** An empty knowledge base: the test imports the seed incidents itself, without labels. */
    public static class Unseeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.seed.enabled", "false");
        }
    }

    /** Share of the judged pairs (links left out: they were stripped) that text alone must find in the top 5. */
    static final double THRESHOLD = 0.5;

    @Test
    void text_alone_finds_most_judged_relatives() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        StringBuilder ndjson = new StringBuilder();
        for (String file : seedFiles()) {
            try (InputStream in = resource("seed-incidents/" + file)) {
                JsonNode doc = yaml.readTree(in);
                strip(doc.get("rootCauses"));
                strip(doc.get("contributingFactors"));
                ((ObjectNode) doc).remove("links");
                ndjson.append(new ObjectMapper().writeValueAsString(doc)).append('\n');
            }
        }
        given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/import").then().statusCode(200)
                .body("summary.failed", org.hamcrest.Matchers.nullValue(), "documents[0].errors", org.hamcrest.Matchers.nullValue());
        SearchSupport.awaitIndexCaughtUp();

        List<RelatedIncidentsTest.Judged> judged = RelatedIncidentsTest.JUDGED.stream()
                .filter(j -> !j.why().contains("link")).toList();
        List<String> found = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (RelatedIncidentsTest.Judged pair : judged) {
            List<String> top = given().get("/api/incidents/" + pair.incident() + "/related?size=5").then()
                    .statusCode(200).extract().path("items.id");
            List<String> kinds = given().get("/api/incidents/" + pair.incident() + "/related?size=5").then()
                    .extract().path("items.reasons.flatten().kind");
            assertThat(kinds).as("no label reasons without labels").doesNotContain("LABEL", "COMPONENT", "LINK");
            (top.contains(pair.expected()) ? found : missed).add(pair.incident() + " → " + pair.expected() + " " + top);
        }
        System.out.printf("text-only related: %d of %d judged pairs found in the top 5; missed: %s%n",
                found.size(), judged.size(), missed);
        assertThat((double) found.size() / judged.size()).as("found %s, missed %s", found, missed)
                .isGreaterThanOrEqualTo(THRESHOLD);
    }

    private static void strip(JsonNode facts) {
        if (facts != null) {
            facts.forEach(f -> ((ObjectNode) f).remove("labels"));
        }
    }

    private static List<String> seedFiles() throws IOException {
        try (InputStream in = resource("seed-incidents/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing " + name);
        }
        return in;
    }
}
