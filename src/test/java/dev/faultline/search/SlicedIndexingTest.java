package dev.faultline.search;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

/**
 * Deferred re-indexing written in slices (SearchProjection, ReindexScheduler): with slices cut after every chunk,
 * a burst over many incidents goes out in many slices, and none of it may be lost.
 */
@QuarkusTest
@TestProfile(SlicedIndexingTest.EverySliceOneChunk.class)
class SlicedIndexingTest {

    /** Every slice stops after its first chunk (two documents). */
    public static class EverySliceOneChunk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faultline.search.slice-millis", "0");
        }
    }

    @Test
    void deferred_writes_across_many_incidents_are_all_searchable_after_min_position() {
        // appends to many incidents milliseconds apart: most are deferred, then written in slices
        // (SearchProjection, ReindexScheduler); waiting for the last write's position must cover every one of them
        String consonants = "bcdfghjkmnpqrtvwxz";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(Incidents.declare(Incidents.newId("slice")));
        }
        String position = null;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < ids.size(); i++) {
                String word = "zorb" + consonants.charAt(i % consonants.length()) + consonants.charAt(i / consonants.length())
                        + consonants.charAt(round);
                position = given().contentType(ContentType.JSON)
                        .body(Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", "Seen: " + word))
                        .post("/api/incidents/" + ids.get(i) + "/timeline").then().statusCode(200)
                        .extract().header("Faultline-Position");
            }
        }
        given().queryParam("q", "zorbbbb").queryParam("minPosition", position).get("/api/search")
                .then().statusCode(200).body("hits.id", contains(ids.get(0)));
        for (int i = 0; i < ids.size(); i++) {
            String last = "zorb" + consonants.charAt(i % consonants.length()) + consonants.charAt(i / consonants.length())
                    + consonants.charAt(2);
            given().queryParam("q", last).get("/api/search").then().statusCode(200).body("hits.id", contains(ids.get(i)));
        }
    }

}
