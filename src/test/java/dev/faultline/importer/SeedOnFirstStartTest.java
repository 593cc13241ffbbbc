package dev.faultline.importer;

import io.quarkus.test.junit.QuarkusTest;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** A first start on an empty event store imports the 60 bundled incidents, marked via=seed. */
@QuarkusTest
@TestProfile(Seeded.class)
class SeedOnFirstStartTest {

    @Test
    void the_knowledge_base_starts_full_of_real_incidents() {
        given().get("/api/incidents/aws-2025-10-20").then().statusCode(200)
                .body("organization", is("AWS"), "rootCauses[0].labels", hasItem("defect:race-condition"));
        given().get("/api/incidents/cloudflare-2025-11-18/events").then()
                .body("events.via", everyItem(is("seed")));
        given().get("/api/incidents?size=50").then().body("total", greaterThanOrEqualTo(20));
    }
}
