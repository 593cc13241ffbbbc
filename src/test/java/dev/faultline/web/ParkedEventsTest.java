package dev.faultline.web;

import dev.faultline.api.event.IncidentDeclared;
import dev.faultline.api.value.Severity;
import dev.faultline.support.Incidents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * A projection that cannot apply an event parks it and goes on: the operator sees it in
 * GET /api/admin/projections (DEGRADED), in readiness and in /q/metrics, and retries or skips it.
 * Runs in an application of its own: the parked events would make other tests' projections DEGRADED.
 */
@QuarkusTest
@TestProfile(ParkedEventsTest.OwnApplication.class)
class ParkedEventsTest {

    /** No overrides: a profile of its own is what gives the test its own application. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    /** Past what PostgreSQL's timestamptz (and a Lucene date, in milliseconds) can hold. */
    private static final Instant BEYOND_ANY_CALENDAR = Instant.parse("+999999999-01-01T00:00:00Z");

    @Inject
    EventStore eventStore;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_poison_event_is_parked_and_both_projections_go_on() throws SQLException {
        String poison = Incidents.newId("poison");
        // straight into the event store: the REST API's validation would refuse it
        eventStore.publish(new GenericDomainEventMessage<>("Incident", poison, 0, new IncidentDeclared(poison,
                "An outage at the end of time", "Entropy Inc", Severity.SEV2, BEYOND_ANY_CALENDAR, null,
                null, List.of(), List.of())));
        long poisonPosition = positionOf(poison);
        String good = Incidents.newId("after-poison");
        long goodPosition = Long.parseLong(Incidents.post("/api/incidents", Incidents.declaration(good))
                .statusCode(201).extract().header("Faultline-Position"));

        // both projections went on past it: the later incident is listed and found
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/incidents?size=100").then()
                .body("items.id", hasItem(good)));
        given().queryParam("q", "Cloudflare").queryParam("minPosition", goodPosition).get("/api/search")
                .then().statusCode(200).body("hits.id", hasItem(good));

        // and say so
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath status = projections();
            for (String projection : List.of("catalogue", "search")) {
                String it = "find { it.name == '" + projection + "' }";
                assertThat(status.getString(it + ".state")).as(projection).isEqualTo("DEGRADED");
                assertThat(status.getInt(it + ".lag")).as(projection + " lag").isZero();
                assertThat(status.getList(it + ".parked.incidentId")).as(projection).containsExactly(poison);
                assertThat(status.getLong(it + ".parked[0].position")).isEqualTo(poisonPosition);
                assertThat(status.getString(it + ".parked[0].eventType")).isEqualTo("IncidentDeclared");
                assertThat(status.getString(it + ".parked[0].error")).isNotBlank();
                assertThat(status.getString(it + ".parked[0].firstFailedAt")).isNotBlank();
                assertThat(status.getInt(it + ".parked[0].attempts")).isEqualTo(1);
            }
        });
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'projections' }.status", is("UP"),
                        "checks.find { it.name == 'projections' }.data.degraded", is("catalogue,search"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("faultline_projection_parked_events{projection=\"catalogue\"} 1.0"),
                        containsString("faultline_projection_parked_events{projection=\"search\"} 1.0"));

        // a retry of what is still poison fails again, and counts
        String catalogueId = parkedId("catalogue", poison);
        given().post("/api/admin/projections/catalogue/parked/" + catalogueId + "/retry").then().statusCode(200)
                .body("state", is("DEGRADED"), "parked[0].attempts", is(2));
        String searchId = parkedId("search", poison);
        given().post("/api/admin/projections/search/parked/" + searchId + "/retry").then().statusCode(200)
                .body("state", is("DEGRADED"), "parked[0].attempts", is(2));

        // skipped, they are gone
        given().post("/api/admin/projections/catalogue/parked/" + catalogueId + "/skip").then().statusCode(200)
                .body("state", is("LIVE"), "parked.size()", is(0));
        given().post("/api/admin/projections/search/parked/" + searchId + "/skip").then().statusCode(200)
                .body("state", is("LIVE"), "parked.size()", is(0));
        given().post("/api/admin/projections/search/parked/" + searchId + "/skip").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'projections' }.data.degraded", is(""));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("faultline_projection_parked_events{projection=\"catalogue\"} 0.0"));
    }

    @Test
    void once_fixed_a_retry_applies_the_incidents_parked_events_in_order() throws SQLException {
        // the catalogue's table refuses this organization (a read-model defect, fixed below)
        execute("ALTER TABLE incident_catalogue ADD CONSTRAINT parked_test_refused CHECK (organization <> 'Refused Org')");
        String id = Incidents.newId("refused");
        try {
            Map<String, Object> declaration = new HashMap<>(Incidents.declaration(id));
            declaration.put("organization", "Refused Org");
            Incidents.post("/api/incidents", declaration).statusCode(201);
            Incidents.post("/api/incidents/" + id + "/resolution", Map.of("resolvedAt", "2025-11-18T17:06:00Z"))
                    .statusCode(200);
            String later = Incidents.newId("later");
            Incidents.post("/api/incidents", Incidents.declaration(later)).statusCode(201);

            // the resolution waits behind the declaration, untried; the later incident is listed
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath status = projections();
                String catalogue = "find { it.name == 'catalogue' }";
                assertThat(status.getString(catalogue + ".state")).isEqualTo("DEGRADED");
                assertThat(status.getList(catalogue + ".parked.eventType"))
                        .containsExactly("IncidentDeclared", "IncidentResolved");
                assertThat(status.getList(catalogue + ".parked.attempts")).containsExactly(1, 0);
                assertThat(status.getString(catalogue + ".parked[0].error")).contains("parked_test_refused");
                given().get("/api/incidents?size=100").then().body("items.id", hasItem(later));
            });
        } finally {
            execute("ALTER TABLE incident_catalogue DROP CONSTRAINT parked_test_refused");
        }

        given().post("/api/admin/projections/catalogue/parked/" + parkedId("catalogue", id) + "/retry")
                .then().statusCode(200).body("state", is("LIVE"), "parked.size()", is(0));
        given().get("/api/incidents?organization=Refused Org").then()
                .body("total", is(1), "items[0].id", is(id), "items[0].status", is("RESOLVED"));
    }

    @Test
    void unknown_projections_and_parked_events_are_404() {
        given().post("/api/admin/projections/catalogue/parked/no-such-event/retry").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("projection 'catalogue' has no parked event 'no-such-event'"));
        given().post("/api/admin/projections/nope/parked/no-such-event/skip").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no projection named 'nope'"));
    }

    private static JsonPath projections() {
        return given().get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
    }

    private static String parkedId(String projection, String incidentId) {
        return projections().getString("find { it.name == '" + projection + "' }.parked.find { it.incidentId == '"
                + incidentId + "' }.id");
    }

    private long positionOf(String incidentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?")) {
            s.setString(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
