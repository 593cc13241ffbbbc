package dev.faultline.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test data: fresh incident ids (tests share one database) and a declared incident to work on. */
public final class Incidents {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Incidents() {
    }

    /** An id no other test uses, e.g. {@code timeline-17-3f2a}. */
    public static String newId(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    public static Map<String, Object> declaration(String id) {
        return Map.of("id", id, "title", "Cloudflare global outage", "organization", "Cloudflare",
                "severity", "SEV1", "startedAt", "2025-11-18T11:20:00Z",
                "sources", java.util.List.of("https://blog.cloudflare.com/18-november-2025-outage/"));
    }

    /** Declares an incident with the given id and returns the id. */
    public static String declare(String id) {
        given().contentType(ContentType.JSON).body(declaration(id))
                .when().post("/api/incidents")
                .then().statusCode(201);
        return id;
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    /** A text body as UTF-8 bytes: REST Assured only encodes strings for content types it knows. */
    public static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static int eventCount(String id) {
        return given().get("/api/incidents/" + id + "/events").then().statusCode(200)
                .extract().path("events.size()");
    }
}
