package dev.faultline.importer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static dev.faultline.support.Incidents.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** Every real incident in seed-incidents/ imports, re-imports as unchanged, and replays correctly. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedIncidentsTest {

    static final Path FOLDER = Path.of("seed-incidents");

    static List<Path> seedFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void the_index_lists_every_seed_file_once_with_link_targets_first() throws IOException {
        List<String> index = SeedLoader.bundledFiles();
        assertThat(index).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seedFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertThat(index.indexOf("google-cloud-2025-06-12.yaml")).isLessThan(index.indexOf("cloudflare-2025-06-12.yaml"));
        assertThat(index).hasSize(60);
    }

    @Test
    @Order(2)
    void every_seed_file_imports_and_a_second_import_changes_nothing() throws IOException {
        for (String file : SeedLoader.bundledFiles()) {
            String yaml = Files.readString(FOLDER.resolve(file));
            given().contentType("application/yaml").body(utf8(yaml)).post("/api/import").then().statusCode(200)
                    .body("documents[0].result", is("created"), "documents[0].id", is(file.replace(".yaml", "")));
        }
        for (String file : SeedLoader.bundledFiles()) {
            given().contentType("application/yaml").body(utf8(Files.readString(FOLDER.resolve(file)))).post("/api/import")
                    .then().body("documents[0].result", is("unchanged"), "documents[0].events", is(0));
        }
    }

    @Test
    @Order(3)
    void cloudflare_replays_the_ddos_hypothesis_minute_by_minute() {
        String base = "/api/incidents/cloudflare-2025-11-18";
        given().get(base + "?at=2025-11-18T12:00:00Z").then().statusCode(200)
                .body("status", is("ONGOING"),
                        "rootCauses.id", contains("ddos-hypothesis"),
                        "rootCauses[0].status", is("STANDING"),
                        "timeline.id", hasItems("permissions-change", "first-alert", "incident-call"),
                        "timeline.id", not(hasItem("kv-access-bypass")));
        given().get(base + "?at=2025-11-18T15:00:00Z").then().statusCode(200)
                .body("rootCauses.find { it.id == 'ddos-hypothesis' }.status", is("RULED_OUT"),
                        "rootCauses.find { it.id == 'oversized-feature-file' }.status", is("STANDING"),
                        "rootCauses.find { it.id == 'oversized-feature-file' }.labels", hasItem("defect:latent-bug"));
        given().get(base).then()
                .body("status", is("RESOLVED"), "derived.timeToDetect", is("PT11M"),
                        "statements.find { it.id == 'knecht-latent-bug' }.role", is("CTO"),
                        "statements.find { it.id == 'knecht-latent-bug' }.confidence", is("SECONDARY"));
        given().get(base + "/events").then().body("events.via", everyItem(is("import")));
    }

    @Test
    @Order(4)
    void the_workers_kv_outage_is_caused_by_google_cloud() {
        given().get("/api/incidents/cloudflare-2025-06-12").then()
                .body("links[0].incidentId", is("google-cloud-2025-06-12"), "links[0].relation", is("CAUSED_BY"));
    }

    @Test
    @Order(5)
    void date_only_facts_keep_their_precision() {
        given().get("/api/incidents/roblox-2021-10-28").then()
                .body("startPrecision", is("DAY"), "resolution.precision", is("DAY"));
    }

    @Test
    @Order(6)
    void outages_whose_end_no_source_dates_are_resolved_without_a_duration() {
        for (String id : List.of("crowdstrike-2024-07-19", "atlassian-2022-04-05", "slack-2021-01-04", "gitlab-2017-01-31")) {
            given().get("/api/incidents/" + id).then()
                    .body("status", is("RESOLVED"), "resolution.how", not(emptyOrNullString()),
                            "resolution.resolvedAt", nullValue(), "derived.duration", nullValue());
        }
        for (String file : SeedLoader.bundledFiles()) { // every seeded outage is over
            given().get("/api/incidents/" + file.replace(".yaml", "")).then().body("status", is("RESOLVED"));
        }
    }
}
