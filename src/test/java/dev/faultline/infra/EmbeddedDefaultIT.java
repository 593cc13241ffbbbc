package dev.faultline.infra;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import dev.faultline.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar on its embedded default: no datasource URL, an empty data directory. It must
 * start its own PostgreSQL, import the seed incidents, record an incident, and still have it
 * (and the seeds, once) after a restart, and search — rebuilding its index when it was deleted.
 */
class EmbeddedDefaultIT {

    private static final Path JAR = PackagedApp.JAR;

    Path dataDir;
    PackagedApp app;
    int port;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createTempDirectory("faultline-it-");
        app = new PackagedApp(dataDir, Map.of());
        port = app.port();
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        PackagedApp.deleteTree(dataDir);
    }

    /**
     * The jar carries the embedded PostgreSQL for Linux and macOS on x86-64 and arm64, and no
     * application.properties (its values are the build's recorded defaults: docs/decisions.md).
     */
    @Test
    void the_packaged_jar_holds_postgresql_for_four_platforms_and_no_properties_file() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                    .contains("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz",
                            "postgres-darwin-x86_64.txz", "postgres-darwin-arm_64.txz")
                    .doesNotContain("application.properties");
        }
    }

    @Test
    void starts_without_a_database_url_and_keeps_its_data_across_a_restart() throws Exception {
        start();
        assertThat(Files.readString(dataDir.resolve("app.log"))).as("the embedded default listens on loopback only")
                .contains("Listening on: http://127.0.0.1:" + port);
        assertThat(get("/api/incidents/aws-2025-10-20").statusCode()).as("no credentials, no reads").isEqualTo(401);
        String printed = printedTokens();
        assertThat(printed.lines()).as("the first start prints one admin token").hasSize(1);
        token = printed.trim();
        HttpResponse<String> declared = send(HttpRequest.newBuilder(app.uri("/api/incidents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"incidentId": "our-own-outage", "title": "Our own outage",
                         "organization": "Example", "severity": "SEV2", "startedAt": "2026-11-27T06:00:00Z"}""")).build());
        assertThat(declared.statusCode()).isEqualTo(201);
        assertThat(get("/api/incidents/our-own-outage").body()).contains("Our own outage");
        assertThat(get("/api/incidents/aws-2025-10-20").body()).as("seeded on first start").contains("DynamoDB");
        assertThat(Files.isDirectory(dataDir.resolve("pg"))).as("data lives under FAULTLINE_DATA_DIR/pg").isTrue();
        awaitSearchHit("our own outage", "our-own-outage");
        assertThat(Files.isRegularFile(dataDir.resolve("index/CURRENT"))).as("index under FAULTLINE_DATA_DIR/index").isTrue();

        stop();
        PackagedApp.deleteTree(dataDir.resolve("index"));
        start();
        assertThat(printedTokens().trim()).as("a restart creates no other token").isEqualTo(token);

        HttpResponse<String> again = get("/api/incidents/our-own-outage");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Our own outage");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String list = get("/api/incidents?size=100").body();
        while (!list.contains("\"total\":61") && System.nanoTime() < deadline) {
            Thread.sleep(200); // the catalogue is eventually consistent
            list = get("/api/incidents?size=100").body();
        }
        assertThat(list).as("seeds imported once, not again on restart").contains("\"total\":61");
        awaitSearchHit("cloudfare bot managment", "cloudflare-2025-11-18"); // index deleted while stopped: rebuilt
        assertThat(get("/api/admin/projections").body()).contains("no search index");
    }

    /**
     * The plain run command bounds the heap: with no heap flag given, the jar runs the application in a
     * child JVM with -Xmx512m (infra/db/JvmDefaults), and a SIGTERM to the launcher stops the child too.
     */
    @Test
    void the_plain_command_runs_a_child_jvm_with_a_bounded_heap_and_stops_it() throws Exception {
        start();
        token = printedTokens().trim();
        List<ProcessHandle> children = app.process().toHandle().children().toList();
        assertThat(children).as("the launcher's child JVM").hasSize(1);
        assertThat(children.get(0).info().arguments().map(List::of).orElse(List.of())).contains("-Xmx512m");
        double heapMax = get("/q/metrics").body().lines()
                .filter(l -> l.startsWith("jvm_memory_max_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Math.max(0, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
                .sum();
        assertThat(heapMax).as("the application's heap limit, from its own metrics").isBetween(1.0, 600.0 * 1024 * 1024);
        stop();
        assertThat(children.get(0).onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
    }

    /** The packaged app searches (Hibernate Search needs jandex at run time, which tests alone would not catch). */
    private void awaitSearchHit(String query, String expectedFirst) throws Exception {
        String uri = "/api/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> found = get(uri);
        while (!found.body().contains("\"hits\":[{\"id\":\"" + expectedFirst + "\"") && System.nanoTime() < deadline) {
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            Thread.sleep(200);
            found = get(uri);
        }
        assertThat(found.body()).contains("\"hits\":[{\"id\":\"" + expectedFirst + "\"");
    }

    void start() throws Exception {
        app.start(); // the README's run command, nothing added
    }

    void stop() throws InterruptedException {
        app.stop();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return app.token(token).get(path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return app.token(token).send(request);
    }

    /** The admin token the first start printed in the log (issue 20); none before it is read. */
    String token;

    String printedTokens() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fl_[A-Za-z0-9_-]{43}")
                .matcher(Files.readString(dataDir.resolve("app.log")));
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            found.append(m.group()).append('\n');
        }
        return found.toString();
    }
}
