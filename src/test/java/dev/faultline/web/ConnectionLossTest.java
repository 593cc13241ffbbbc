package dev.faultline.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's database connections are cut ({@code pg_terminate_backend}) while writers append to
 * one incident: every answer is a success or a 503 with {@code Retry-After} (never a 500), the
 * incident's event sequence has no gap (a failed append must not leave its events in the cached
 * aggregate), and writes succeed again soon after.
 */
@QuarkusTest
class ConnectionLossTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void cut_connections_answer_503_and_leave_no_sequence_gap() throws Exception {
        String id = declare(newId("cut"));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger counter = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            writers.submit(() -> {
                while (writing.get()) {
                    Response r = append(id, "c-" + counter.incrementAndGet());
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503 && r.header("Retry-After") == null) {
                        unexpected.add("503 without Retry-After");
                    } else if (r.statusCode() != 200 && r.statusCode() != 503 && r.statusCode() != 409) {
                        unexpected.add(r.statusCode() + " " + r.asString());
                    }
                }
                return null;
            });
        }
        try (Connection admin = DriverManager.getConnection(url, user, "");
             Statement s = admin.createStatement()) {
            for (int round = 0; round < 15; round++) {
                Thread.sleep(150);
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            }
        }
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        long recovered = System.nanoTime();
        Response after = append(id, "after-" + counter.incrementAndGet());
        for (int i = 0; i < 50 && after.statusCode() != 200; i++) {
            Thread.sleep(100);
            after = append(id, "after-" + counter.incrementAndGet());
        }
        assertThat(after.statusCode()).as("writes work again").isEqualTo(200);
        assertThat(System.nanoTime() - recovered).isLessThan(TimeUnit.SECONDS.toNanos(5));

        List<Integer> sequences = given().get("/api/incidents/" + id + "/events").then().statusCode(200)
                .extract().path("events.sequence");
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).as("sequence %d of %s", i, sequences).isEqualTo(i);
        }
        assertThat(Set.copyOf(sequences)).hasSize(sequences.size());
        int version = given().get("/api/incidents/" + id).then().statusCode(200).extract().path("version");
        assertThat(version).isEqualTo(sequences.size() - 1);
        assertThat(unexpected).as("answers other than 200, 409 or 503 (statuses: %s)", statuses).isEmpty();
        // a cut connection is not a poison event: nothing is parked, every projection catches up
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/admin/projections").then().statusCode(200)
                        .body("state", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("LIVE")),
                                "lag", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(0)),
                                "unread", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(0)),
                                "deferred", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(0))));
    }

    private static Response append(String id, String entryId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("entryId", entryId, "at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", entryId))
                .post("/api/incidents/" + id + "/timeline");
    }
}
