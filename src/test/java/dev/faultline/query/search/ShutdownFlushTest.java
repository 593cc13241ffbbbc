package dev.faultline.query.search;

import dev.faultline.query.Projections;
import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

/**
 * A write the search projection deferred (the incident's document was written less than 300 ms
 * before) is written by the flush at shutdown: its events are behind the processor's committed
 * token by then, so nothing else would ever write it. Runs in its own application (own profile):
 * the flusher stays shut down afterwards.
 */
@QuarkusTest
@TestProfile(ShutdownFlushTest.OwnApplication.class)
class ShutdownFlushTest {

    /** No overrides: a profile of its own is what gives the test its own application. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    ReindexScheduler scheduler;

    @Inject
    Projections projections;

    @Test
    void the_shutdown_flush_writes_what_was_deferred() throws Exception {
        String id = Incidents.newId("flush");
        long declared = position(given().contentType(ContentType.JSON).body(Incidents.declaration(id))
                .post("/api/incidents").then().statusCode(201).extract().header("Faultline-Position"));
        assertThat(projections.awaitPosition(SearchProjection.GROUP, declared, Duration.ofSeconds(10))).isTrue();
        assertThat(scheduler.awaitWritten(declared, Duration.ofSeconds(10))).isTrue();

        // appended right after the document was written: deferred (the flusher would write it 300 ms
        // later; should it win the race, the next append is deferred again). While it waits, the
        // projection reports its position as not written, though its token has passed it.
        long deferred = -1;
        for (int attempt = 0; attempt < 5 && deferred < 0; attempt++) {
            long position = position(given().contentType(ContentType.JSON)
                    .body(Map.of("at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", "The quoll probe fired"))
                    .post("/api/incidents/" + id + "/timeline").then().statusCode(200).extract().header("Faultline-Position"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> projections.state(SearchProjection.GROUP).read().orElse(-1) >= position);
            if (projections.state(SearchProjection.GROUP).position().orElse(-1) < position) {
                deferred = position;
            }
        }
        assertThat(deferred).as("a write was deferred, and the reported position waited for it").isPositive();

        scheduler.onShutdown(null);

        assertThat(scheduler.awaitWritten(deferred, Duration.ZERO)).isTrue();
        assertThat(projections.state(SearchProjection.GROUP).position().orElse(-1)).isGreaterThanOrEqualTo(deferred);
        given().queryParam("q", "quoll").get("/api/search").then().statusCode(200).body("hits.id", contains(id));
    }

    private static long position(String header) {
        return Long.parseLong(header);
    }
}
