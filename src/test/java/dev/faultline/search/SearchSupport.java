package dev.faultline.search;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Waits for the search projection to be live and level with the event store. */
public final class SearchSupport {

    private SearchSupport() {
    }

    public static void awaitIndexCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath status = given().get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
            return "LIVE".equals(status.getString("find { it.name == 'search' }.state"))
                    && Integer.valueOf(0).equals(status.get("find { it.name == 'search' }.lag"));
        });
    }
}
