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

/** {@code faultline.security.public-read=true}: anyone reads, searches and exports; writing still needs a token (401). */
@QuarkusTest
@TestProfile(PublicReadTest.PublicReading.class)
@QuarkusTestResource(value = FreshDatabase.class, restrictToAnnotatedClass = false)
class PublicReadTest {

    public static class PublicReading implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.security.public-read", "true");
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
    void a_bad_token_is_still_refused_where_reading_is_open() {
        given().auth().oauth2("fl_not-a-token").get("/api/incidents").then().statusCode(401);
    }
}
