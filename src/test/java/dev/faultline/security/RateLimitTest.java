package dev.faultline.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import dev.faultline.support.FreshDatabase;
import dev.faultline.support.Incidents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writes and exports are limited per credential: past the limit, 429 with Retry-After; other credentials go on. */
@QuarkusTest
@TestProfile(RateLimitTest.Limited.class)
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.rate-limit.writes-per-minute", "5", "faultline.rate-limit.exports-per-minute", "3");
        }
    }

    @Test
    void writes_past_the_limit_are_429_for_that_credential_only() {
        String token = SecurityTest.create("busy-script", "editor", null).getString("token");
        for (int i = 0; i < 4; i++) { // the token creation above was the admin's write, not this token's
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Incidents.declaration("busy-" + i))
                    .post("/api/incidents").then().statusCode(201);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Incidents.declaration("busy-4"))
                .post("/api/incidents").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Incidents.declaration("busy-5"))
                .post("/api/incidents").then().statusCode(429).header("Retry-After", "12")
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token).get("/api/incidents/busy-4").then().statusCode(200); // reads are not limited
        given().contentType(ContentType.JSON).body(Incidents.declaration("other-writer"))
                .post("/api/incidents").then().statusCode(201); // the admin's own bucket
    }

    @Test
    void exports_past_the_limit_are_429() {
        String token = SecurityTest.create("exporter", "reader", null).getString("token");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/export/incidents").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/export/incidents").then().statusCode(429);
    }
}
