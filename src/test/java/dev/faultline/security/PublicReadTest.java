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

/**
 * {@code faultline.security.public-read=true}: anyone reads, searches and exports; writing still needs a
 * token (401). The profile also sets the public address ({@code faultline.base-url}), as an
 * installation behind a proxy would.
 */
@QuarkusTest
@TestProfile(PublicReadTest.PublicReading.class)
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class PublicReadTest {

    public static class PublicReading implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.security.public-read", "true",
                    "faultline.base-url", "https://faultline.example.com/");
        }
    }

    @Test
    void anonymous_callers_read_but_never_write() {
        Incidents.declare("public-outage"); // as the suite's admin
        given().auth().none().get("/api/incidents/public-outage").then().statusCode(200);
        given().auth().none().get("/api/search?q=public").then().statusCode(200);
        given().auth().none().get("/api/export/incidents").then().statusCode(200);
        given().auth().none().get("/q/openapi").then().statusCode(200);
        given().auth().none().contentType(ContentType.JSON).body(Incidents.declaration("anonymous-outage"))
                .post("/api/incidents").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().none().get("/api/admin/tokens").then().statusCode(401);
        given().auth().none().get("/api/incidents/anonymous-outage").then().statusCode(404);
    }

    @Test
    void locations_name_the_configured_public_address_never_the_host_header() {
        given().header("Host", "evil.example").contentType(ContentType.JSON)
                .body(Incidents.declaration("located-outage")).post("/api/incidents")
                .then().statusCode(201).header("Location", "https://faultline.example.com/api/incidents/located-outage");
    }

    @Test
    void anonymous_readers_see_who_they_are() {
        given().auth().none().get("/api/me").then().statusCode(200)
                .body("actor", org.hamcrest.Matchers.is("anonymous"), "role", org.hamcrest.Matchers.is("reader"));
    }

    @Test
    void a_bad_token_is_still_refused_where_reading_is_open() {
        given().auth().oauth2("fl_not-a-token").get("/api/incidents").then().statusCode(401);
    }
}
