package dev.faultline.web;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.declare;
import static dev.faultline.support.Incidents.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Many writers on one incident: no lost or duplicated event, and one winner per version. */
@QuarkusTest
class ConcurrentWritersTest {

    static final int THREADS = 20;

    @Test
    void twenty_writers_with_if_match_get_exactly_one_winner_per_version() throws Exception {
        String id = declare(newId("race"));
        String timeline = "/api/incidents/" + id + "/timeline";
        int target = 60;
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger attempt = new AtomicInteger();
        Map<Integer, String> winnerOfVersion = new ConcurrentHashMap<>();
        List<String> duplicateWins = Collections.synchronizedList(new ArrayList<>());
        List<String> losers = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                start.await();
                while (accepted.get() < target) {
                    String version = given().get("/api/incidents/" + id).header("ETag");
                    String entryId = "w-" + attempt.incrementAndGet();
                    Response r = given().header("If-Match", version).contentType(ContentType.JSON)
                            .body(Map.of("entryId", entryId, "at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", entryId))
                            .post(timeline);
                    if (r.statusCode() == 200) {
                        accepted.incrementAndGet();
                        int newVersion = r.path("version");
                        if (winnerOfVersion.putIfAbsent(newVersion, entryId) != null) {
                            duplicateWins.add(entryId + "@" + newVersion);
                        }
                    } else if (r.statusCode() == 412 || r.statusCode() == 409) {
                        losers.add(entryId);
                    } else {
                        unexpected.add(r.statusCode() + " " + r.asString());
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        assertThat(unexpected).isEmpty();
        assertThat(duplicateWins).as("two writers won the same version").isEmpty();
        assertThat(losers).as("the race produced losers").isNotEmpty();
        int wins = accepted.get();
        assertThat(winnerOfVersion.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, wins).boxed().toList());

        List<String> stored = given().get("/api/incidents/" + id + "/events").then()
                .extract().path("events.payload.entryId");
        List<String> storedEntries = stored.stream().filter(e -> e != null).toList();
        assertThat(storedEntries).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(winnerOfVersion.values())
                .doesNotContainAnyElementsOf(losers);
        given().get("/api/incidents/" + id).then().header("ETag", "\"" + wins + "\"");
    }

    @Test
    void twenty_writers_without_if_match_lose_nothing() throws Exception {
        String id = declare(newId("no-lost-event"));
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    statuses.add(Incidents.post("/api/incidents/" + id + "/timeline", Map.of("entryId", "t" + thread + "-" + i,
                            "at", "2025-11-18T11:31:00Z", "kind", "OTHER", "text", "x")).extract().statusCode());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses).hasSize(THREADS * perThread).allMatch(s -> s == 200);
        List<Integer> sequences = given().get("/api/incidents/" + id + "/events").then().extract().path("events.sequence");
        assertThat(sequences).isEqualTo(IntStream.rangeClosed(0, THREADS * perThread).boxed().collect(Collectors.toList()));
    }
}
