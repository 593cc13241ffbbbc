package dev.faultline.query.related;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.search.SearchSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filters narrow the candidates themselves: one incident has 40 close relatives that started after it
 * and 3 distant ones (one shared label, other words) that started before it. Asking "had we seen this
 * before?" must still list the 3, though none of them is among the nearest 40; without the filter in
 * the candidate queries they were cut before filtering and the answer came back empty.
 */
@QuarkusTest
@TestProfile(RelatedFiltersTest.Unseeded.class)
class RelatedFiltersTest {

    /** A knowledge base of only the incidents this test writes. */
    public static class Unseeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.seed.enabled", "false");
        }
    }

    static final List<String> SHARED = List.of("defect:latent-bug", "component:config-pipeline",
            "spread:global-instant-push", "defect:unchecked-limit");
    static final String[] TOPICS = {
            "An expired TLS certificate on the login service was not renewed in time.",
            "A leap second made the kernel's timer spin and every server's CPU saturated.",
            "A submarine cable cut left the region with a fraction of its transit capacity."};

    private static boolean written;

    @BeforeEach
    void catalogue() throws Exception {
        if (written) {
            return;
        }
        written = true;
        ObjectMapper json = new ObjectMapper();
        StringBuilder ndjson = new StringBuilder();
        ndjson.append(json.writeValueAsString(incident("source", "Origin", Instant.parse("2024-06-01T10:00:00Z"),
                "A generated feature file doubled in size and the proxy's hard-coded limit was exceeded.", SHARED))).append('\n');
        for (int i = 0; i < 40; i++) {
            ndjson.append(json.writeValueAsString(incident("later-" + i, "Crowd", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * i),
                    "A generated feature file doubled in size and the proxy's hard-coded limit was exceeded, variant " + i + ".",
                    SHARED))).append('\n');
        }
        for (int i = 0; i < TOPICS.length; i++) {
            ndjson.append(json.writeValueAsString(incident("earlier-" + i, "Elder", Instant.parse("2019-03-01T00:00:00Z").plusSeconds(86_400L * i),
                    TOPICS[i], List.of("spread:global-instant-push")))).append('\n');
        }
        given().contentType("application/x-ndjson").body(ndjson.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/import").then().statusCode(200);
        SearchSupport.awaitIndexCaughtUp();
    }

    @Test
    void started_before_finds_the_earlier_incidents_behind_forty_closer_later_ones() {
        assertThat(ids("size=10")).as("the later ones are the nearest").hasSize(10).allMatch(id -> id.startsWith("later-"));

        List<String> before = given().get("/api/incidents/source/related?startedBefore=true").then().statusCode(200)
                .extract().path("items.id");
        assertThat(before).containsExactlyInAnyOrder("earlier-0", "earlier-1", "earlier-2");
    }

    @Test
    void organization_and_label_filters_fill_the_page_from_the_whole_catalogue() {
        assertThat(ids("organization=elder")).containsExactlyInAnyOrder("earlier-0", "earlier-1", "earlier-2");
        assertThat(ids("excludeOrganization=Crowd")).containsExactlyInAnyOrder("earlier-0", "earlier-1", "earlier-2");
        assertThat(ids("startedBefore=2025-01-05T12:00:00Z&organization=Crowd"))
                .containsExactlyInAnyOrder("later-0", "later-1", "later-2", "later-3", "later-4");
        // only the later ones carry it
        assertThat(ids("label=defect:unchecked-limit&size=50")).hasSize(40).allMatch(id -> id.startsWith("later-"));
    }

    private static List<String> ids(String query) {
        return new ArrayList<>(given().get("/api/incidents/source/related?" + query).then().statusCode(200)
                .extract().<List<String>>path("items.id"));
    }

    private static Map<String, Object> incident(String id, String organization, Instant startedAt, String why,
                                                List<String> labels) {
        return Map.of("id", id, "title", organization + " outage " + id, "organization", organization,
                "severity", "SEV2", "startedAt", startedAt.toString(), "summary", why,
                "rootCauses", List.of(Map.of("id", "cause", "summary", why, "labels", labels)));
    }
}
