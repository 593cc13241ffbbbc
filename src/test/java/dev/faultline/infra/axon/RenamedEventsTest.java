package dev.faultline.infra.axon;

import dev.faultline.support.Incidents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * An event stored under its former name (RootCauseRetracted, before "ruled out" became the one
 * word for it) is read under the new one everywhere — history, the folded incident — while the
 * stored row keeps its name: events are never rewritten.
 */
@QuarkusTest
class RenamedEventsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_root_cause_retracted_under_the_old_name_reads_as_ruled_out() throws Exception {
        String id = Incidents.declare(Incidents.newId("renamed"));
        Incidents.post("/api/incidents/" + id + "/root-causes", Map.of("rootCauseId", "ddos", "summary", "A DDoS",
                "labels", List.of("trigger:traffic-surge"))).statusCode(200);
        given().queryParam("reason", "traffic was legitimate").delete("/api/incidents/" + id + "/root-causes/ddos")
                .then().statusCode(200);
        // as an older version of Faultline stored it
        try (Connection c = dataSource.getConnection();
             PreparedStatement rename = c.prepareStatement("UPDATE domainevententry SET payloadtype = ? "
                     + "WHERE aggregateidentifier = ? AND payloadtype = ?")) {
            rename.setString(1, "dev.faultline.api.event.RootCauseRetracted");
            rename.setString(2, id);
            rename.setString(3, "dev.faultline.api.event.RootCauseRuledOut");
            assertThat(rename.executeUpdate()).isEqualTo(1);
        }

        given().get("/api/incidents/" + id + "/events").then().statusCode(200)
                .body("events.type", hasItem("RootCauseRuledOut"), "events.type", not(hasItem("RootCauseRetracted")));
        given().get("/api/incidents/" + id).then().statusCode(200)
                .body("rootCauses.find { it.id == 'ddos' }.ruledOut.reason", is("traffic was legitimate"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement stored = c.prepareStatement("SELECT count(*) FROM domainevententry "
                     + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%RootCauseRetracted'")) {
            stored.setString(1, id);
            try (ResultSet rs = stored.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
