package dev.faultline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java half of the incident-core benchmark (issue 2); bench/run-core.sh drives it and wrk.
 * HTTP load comes from wrk (a C client, so the client takes little of the machine's two cores);
 * this program prepares the data and runs the baseline: the same event rows Axon writes, inserted
 * with plain JDBC, one row per transaction, by the same number of threads.
 */
public final class CoreBenchmark {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * {@code setup baseUrl jdbcUrl dir}: declares 50 incidents (ids to dir/incidents.txt), one
     * incident with 1,000 events (id to dir/big.txt), and the baseline table.
     * {@code jdbc jdbcUrl seconds clients}: runs the plain-JDBC baseline, prints WRK_JSON-style JSON.
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], Path.of(args[3]));
            case "jdbc" -> System.out.println("JDBC_JSON " + jdbcWrites(args[1], Integer.parseInt(args[3]),
                    Integer.parseInt(args[2])).json());
            default -> throw new IllegalArgumentException("setup | jdbc");
        }
    }

    static void setup(String base, String jdbc, Path dir) throws Exception {
        String tag = Long.toHexString(System.currentTimeMillis());
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "bench-" + tag + "-" + i;
            declare(base, id);
            incidents.add(id);
        }
        String big = "bench-" + tag + "-big";
        declare(base, big);
        for (int i = 1; i < 1000; i++) {
            post(base + "/api/incidents/" + big + "/timeline", entry("b-" + i));
        }
        createBaselineTable(jdbc);
        Files.createDirectories(dir);
        Files.write(dir.resolve("incidents.txt"), incidents);
        Files.writeString(dir.resolve("big.txt"), big);
    }

    record Result(long ok, long failed, double seconds, double p50, double p99, double max) {
        double perSecond() {
            return ok / seconds;
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"ok\":%d,\"failed\":%d,\"perSecond\":%.1f,\"p50ms\":%.2f,\"p99ms\":%.2f,\"maxMs\":%.2f}",
                    ok, failed, perSecond(), p50, p99, max);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%8.0f/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d ok, %d failed)",
                    perSecond(), p50, p99, max, ok, failed);
        }
    }


    /** The same event row Axon writes, inserted by plain JDBC in its own transaction. */
    static Result jdbcWrites(String jdbc, int clients, int seconds) throws Exception {
        return timed(clients, seconds, (latencies, deadline, failed) -> {
            long ok = 0;
            try (Connection c = DriverManager.getConnection(jdbc + (jdbc.contains("?") ? "&" : "?") + "stringtype=unspecified", "postgres", "");
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO bench_baseline_events (eventidentifier, aggregateidentifier, sequencenumber, type,
                             timestamp, payloadtype, payloadrevision, payload, metadata)
                         VALUES (?, ?, nextval('bench_baseline_seq'), 'Incident', ?, 'dev.faultline.api.event.TimelineEntryRecorded', NULL, ?, ?)""")) {
                c.setAutoCommit(true);
                String aggregate = "baseline-" + UUID.randomUUID();
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    String eventId = UUID.randomUUID().toString();
                    insert.setString(1, eventId);
                    insert.setString(2, aggregate);
                    insert.setString(3, Instant.now().toString());
                    insert.setString(4, "{\"incidentId\":\"" + aggregate + "\",\"entryId\":\"e-" + eventId.substring(0, 12)
                            + "\",\"at\":\"2025-11-18T11:31:00Z\",\"precision\":\"EXACT\",\"kind\":\"OTHER\","
                            + "\"text\":\"Benchmark entry: proxies return HTTP 5xx\",\"confidence\":\"UNVERIFIED\"}");
                    insert.setString(5, "{\"actor\":\"anonymous\",\"via\":\"api\",\"correlationId\":\"" + eventId + "\"}");
                    insert.executeUpdate();
                    latencies.add(System.nanoTime() - t0);
                    ok++;
                }
            }
            return ok;
        });
    }


    interface Worker {
        long run(Latencies latencies, long deadline, AtomicLong failed) throws Exception;
    }

    static Result timed(int threads, int seconds, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Latencies> latencies = new ArrayList<>();
        List<Future<Long>> results = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        for (int t = 0; t < threads; t++) {
            Latencies l = new Latencies();
            latencies.add(l);
            results.add(pool.submit(() -> worker.run(l, deadline, failed)));
        }
        long ok = 0;
        for (Future<Long> f : results) {
            ok += f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Latencies all = Latencies.merge(latencies);
        return new Result(ok, failed.get(), elapsed, all.percentileMs(50), all.percentileMs(99), all.percentileMs(100));
    }

    static void createBaselineTable(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_baseline_events");
            s.execute("DROP SEQUENCE IF EXISTS bench_baseline_seq");
            s.execute("CREATE SEQUENCE bench_baseline_seq");
            s.execute("CREATE TABLE bench_baseline_events (LIKE domainevententry INCLUDING ALL)");
        }
    }

    static void declare(String base, String id) throws IOException, InterruptedException {
        int status = post(base + "/api/incidents", "{\"incidentId\":\"" + id + "\",\"title\":\"Benchmark incident " + id
                + "\",\"organization\":\"Bench\",\"severity\":\"SEV2\",\"startedAt\":\"2025-11-18T11:20:00Z\"}");
        if (status != 201) {
            throw new IllegalStateException("cannot declare " + id + ": " + status);
        }
    }

    static String entry(String entryId) {
        return "{" + (entryId == null ? "" : "\"entryId\":\"" + entryId + "\",")
                + "\"at\":\"2025-11-18T11:31:00Z\",\"kind\":\"OTHER\",\"text\":\"Benchmark entry: proxies return HTTP 5xx\"}";
    }

    static int post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(Latencies.request(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
