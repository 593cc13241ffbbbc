package dev.faultline.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.support.FreshDatabase;
import dev.faultline.support.PackagedApp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several packaged nodes on one PostgreSQL (DESIGN.md §9, issue 21): each node keeps its own search
 * index fed by its own processor, so a write taken by one node is searchable on every node; the
 * catalogue's shared processor moves to another node when its holder stops; a node that was stopped
 * catches up, and a node added later builds its index from the event store; writers on both nodes
 * lose no event.
 */
class ClusterIT {

    private static final String TOKEN = "cluster-admin-token-0123456789abcdef";

    FreshDatabase.Server server;
    String database;
    Path root;
    final List<PackagedApp> nodes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = FreshDatabase.server();
        database = "faultline_cluster_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        FreshDatabase.execute(server, "CREATE DATABASE " + database);
        root = Files.createTempDirectory("faultline-cluster-");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedApp node : nodes) {
            node.stop();
        }
        FreshDatabase.execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        PackagedApp.deleteTree(root);
    }

    @Test
    void every_node_searches_every_write_and_nodes_take_over_stop_and_join() throws Exception {
        PackagedApp a = node("a");
        a.start();
        PackagedApp b = node("b");
        b.start();
        awaitCaughtUp(a);
        awaitCaughtUp(b);

        // a first write on each node, searched on both: a node's first searches run cold (JIT, the
        // engine's first requests) and took up to 1.4 s on 2 loaded cores; that is start-up, not how
        // soon a write reaches the other node, which is what the next step times
        long warmA = declare(a, "cluster-kiwi", "Kiwi warm-up outage");
        long warmB = declare(b, "cluster-kakapo", "Kakapo warm-up outage");
        for (PackagedApp node : List.of(a, b)) {
            assertSearchableWithin(node, "kiwi", "cluster-kiwi", warmA, Duration.ofSeconds(10));
            assertSearchableWithin(node, "kakapo", "cluster-kakapo", warmB, Duration.ofSeconds(10));
        }

        // a write on either node is searchable on the other within a second
        long onA = declare(a, "cluster-quokka", "Quokka gateway outage");
        assertSearchableWithin(b, "quokka", "cluster-quokka", onA, Duration.ofSeconds(1));
        long onB = declare(b, "cluster-wombat", "Wombat queue outage");
        assertSearchableWithin(a, "wombat", "cluster-wombat", onB, Duration.ofSeconds(1));

        // patterns too: a root cause recorded on A joins its pattern on B (each node's patterns index is its own)
        HttpResponse<String> cause = a.post("/api/incidents/cluster-quokka/root-causes",
                "{\"summary\": \"The gateway's certificate expired\", \"labels\": [\"trigger:certificate-expiry\"]}", null);
        assertThat(cause.statusCode()).as(cause.body()).isEqualTo(200);
        long patternDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!b.get("/api/patterns/trigger:certificate-expiry?size=100").body().contains("cluster-quokka")) {
            assertThat(System.nanoTime()).as("the pattern on node B lists the incident").isLessThan(patternDeadline);
            Thread.sleep(100);
        }

        // each node shows its own search processor, and the other's, both claimed and caught up
        String nodeA = Files.readString(a.dataDir().resolve("node-id")).trim();
        String nodeB = Files.readString(b.dataDir().resolve("node-id")).trim();
        assertThat(nodeA).isNotEqualTo(nodeB);
        JsonNode search = projection(a, "search");
        assertThat(search.path("node").asText()).isEqualTo(nodeA);
        assertThat(search.path("perNode").asBoolean()).isEqualTo(searchPerNode());
        if (searchPerNode()) {
            assertThat(processorOwners(search)).containsEntry("search@" + nodeA, nodeA).containsEntry("search@" + nodeB, nodeB);
        } else {
            assertThat(processorOwners(search)).as("one shared search token").containsOnlyKeys("search");
            assertThat(processorOwners(search).get("search")).as("claimed by one of the nodes").isIn(nodeA, nodeB);
        }
        JsonNode catalogue = projection(b, "catalogue");
        assertThat(catalogue.path("perNode").asBoolean()).isFalse();
        assertThat(processorOwners(catalogue)).as("one shared token").containsOnlyKeys("catalogue");
        assertThat(processorOwners(catalogue).get("catalogue")).as("claimed by one of the nodes").isIn(nodeA, nodeB);

        // writers on both nodes at once: every acknowledged write is stored once, in one unbroken sequence
        declare(a, "cluster-race", "Concurrent writers on two nodes");
        List<String> acknowledged = raceTimelineWrites(List.of(a, b), "cluster-race", 2, 10);
        JsonNode events = PackagedApp.json(b.get("/api/incidents/cluster-race/events?size=1000"));
        List<String> stored = new ArrayList<>();
        List<Integer> sequences = new ArrayList<>();
        for (JsonNode event : events.path("events")) {
            sequences.add(event.path("sequence").asInt());
            if (event.path("payload").has("entryId")) {
                stored.add(event.path("payload").path("entryId").asText());
            }
        }
        assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(sequences).isEqualTo(IntStream.range(0, sequences.size()).boxed().toList());

        // the node holding the catalogue stops: the other claims it and lists what is written next
        String holder = processorOwners(projection(a, "catalogue")).get("catalogue");
        PackagedApp stopped = holder.equals(nodeA) ? a : b;
        PackagedApp survivor = stopped == a ? b : a;
        String survivorId = stopped == a ? nodeB : nodeA;
        stopped.stop();
        long whileDown = declare(survivor, "cluster-numbat", "Numbat cache outage");
        assertSearchableWithin(survivor, "numbat", "cluster-numbat", whileDown, searchTakeover());
        awaitListed(survivor, "cluster-numbat", Duration.ofSeconds(30));
        assertThat(processorOwners(projection(survivor, "catalogue")).get("catalogue")).isEqualTo(survivorId);

        // the stopped node starts again and catches up what it missed
        stopped.start();
        assertSearchableWithin(stopped, "numbat", "cluster-numbat", whileDown, Duration.ofSeconds(10));

        // a node added later builds its index from the event store: the seeds and every node's writes
        PackagedApp c = node("c");
        c.start();
        assertSearchableWithin(c, "quokka", "cluster-quokka", onA, Duration.ofSeconds(30));
        assertSearchableWithin(c, "wombat", "cluster-wombat", onB, Duration.ofSeconds(5));
        assertSearchableWithin(c, "numbat", "cluster-numbat", whileDown, Duration.ofSeconds(5));
        assertThat(c.get("/api/search?q=" + enc("cloudflare bot management")).body())
                .as("the seed incidents, imported once by the first node").contains("cloudflare-2025-11-18");
        assertThat(PackagedApp.json(c.get("/api/incidents?size=1")).path("total").asInt())
                .as("seeds imported once, not once per node").isEqualTo(60 + 6);
    }

    /** Whether each node has its own search processor (Lucene) or all share one (OpenSearch). */
    boolean searchPerNode() {
        return true;
    }

    /**
     * How soon a node that stays up searches a write it took after the other stopped: at once when
     * it has its own index and processor; with a shared processor, once it has claimed the stopped
     * node's token (as for the catalogue).
     */
    Duration searchTakeover() {
        return Duration.ofSeconds(1);
    }

    /** What the nodes are told about the search engine besides the defaults. */
    Map<String, String> searchEnvironment() {
        return Map.of();
    }

    private PackagedApp node(String name) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", server.url() + database,
                "QUARKUS_DATASOURCE_USERNAME", server.user(),
                "QUARKUS_DATASOURCE_PASSWORD", server.password(),
                "FAULTLINE_ADMIN_TOKEN", TOKEN));
        environment.putAll(searchEnvironment());
        PackagedApp node = new PackagedApp(root.resolve(name), environment).token(TOKEN);
        nodes.add(node);
        return node;
    }

    /** Declares an incident; returns the write's Faultline-Position. */
    private static long declare(PackagedApp node, String id, String title) throws Exception {
        HttpResponse<String> declared = node.post("/api/incidents", """
                {"incidentId": "%s", "title": "%s", "organization": "Example", "severity": "SEV2",
                 "startedAt": "2026-11-27T06:00:00Z"}""".formatted(id, title), null);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        return Long.parseLong(declared.headers().firstValue("Faultline-Position").orElseThrow());
    }

    /**
     * Searches on {@code node}, waiting there for the write's position ({@code minPosition}), and
     * finds the incident first — all within {@code limit} of asking.
     */
    private static void assertSearchableWithin(PackagedApp node, String q, String id, long position, Duration limit)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        HttpResponse<String> found;
        do {
            found = node.get("/api/search?q=" + enc(q) + "&minPosition=" + position);
        } while (found.statusCode() == 503 && System.nanoTime() < deadline);
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).as("search on port %d", node.port()).contains("\"hits\":[{\"id\":\"" + id + "\"");
        assertThat(tookMillis).as("searchable on port %d after %d ms", node.port(), tookMillis)
                .isLessThanOrEqualTo(limit.toMillis());
    }

    private static void awaitListed(PackagedApp node, String id, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!node.get("/api/incidents?size=100&sort=-startedAt").body().contains("\"" + id + "\"")) {
            assertThat(System.nanoTime()).as("%s listed in the catalogue of port %d", id, node.port()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Until the node's projections have applied every event (a node that just started builds its index first). */
    private static void awaitCaughtUp(PackagedApp node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean caughtUp = true;
            JsonNode all = PackagedApp.json(node.get("/api/admin/projections"));
            for (JsonNode projection : all) {
                caughtUp &= "LIVE".equals(projection.path("state").asText()) && projection.path("lag").asLong(-1) == 0;
            }
            if (caughtUp) {
                return;
            }
            assertThat(System.nanoTime()).as("projections of port %d caught up: %s", node.port(), all).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode projection(PackagedApp node, String name) throws Exception {
        for (JsonNode projection : PackagedApp.json(node.get("/api/admin/projections"))) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " on port " + node.port());
    }

    /** Processor name → the node id that claims it (the part of the owner before '/'), or "" when unclaimed. */
    private static Map<String, String> processorOwners(JsonNode projection) {
        Map<String, String> owners = new java.util.TreeMap<>();
        for (JsonNode processor : projection.path("processors")) {
            String owner = processor.path("owner").asText("");
            owners.put(processor.path("name").asText(), owner.contains("/") ? owner.substring(0, owner.indexOf('/')) : owner);
        }
        return owners;
    }

    /** {@code threadsPerNode} writers on each node append timeline entries without If-Match; returns the acknowledged ones. */
    private static List<String> raceTimelineWrites(List<PackagedApp> nodes, String id, int threadsPerNode, int each)
            throws Exception {
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * threadsPerNode);
        List<Future<?>> writers = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            PackagedApp node = nodes.get(n);
            for (int t = 0; t < threadsPerNode; t++) {
                String writer = "n" + n + "t" + t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String entryId = writer + "-" + i;
                        HttpResponse<String> r = node.post("/api/incidents/" + id + "/timeline", """
                                {"entryId": "%s", "at": "2026-11-27T06:01:00Z", "kind": "OTHER", "text": "%s"}"""
                                .formatted(entryId, entryId), null);
                        if (r.statusCode() == 200) {
                            acknowledged.add(entryId);
                        } else {
                            unexpected.add(r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        assertThat(unexpected).as("every write without If-Match is taken, whichever node took it").isEmpty();
        return acknowledged;
    }

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
