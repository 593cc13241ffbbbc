package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Related-incidents benchmark (issue 18): GET /api/incidents/{id}/related over HTTP, one client,
 * against the strongest plain-PostgreSQL peer we could write, over JDBC (no HTTP: an advantage for
 * the peer). The peer keeps one row per incident with its standing labels in a GIN-indexed
 * {@code text[]} and what says why (root causes, factors, trigger entries, summary) as a
 * GIN-indexed tsvector, plus a label-frequency table; a query takes every incident sharing a label
 * or a word of why, scores rarity-weighted label overlap (the same smoothed idf Faultline uses)
 * plus {@code ts_rank} of the why text, and returns the top 10.
 * Usage: RelatedBenchmark peer-load jdbcUrl corpus.ndjson
 *        RelatedBenchmark measure baseUrl jdbcUrl incidents sources rounds peerSources
 *        RelatedBenchmark embed corpus.ndjson sentences   (sentences/s of the model on this machine)
 */
public final class RelatedBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 10;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "peer-load" -> System.out.printf(Locale.ROOT, "PEER_LOAD_SECONDS %.1f%n", peerLoad(args[1], Path.of(args[2])));
            case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "embed" -> embed(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** The sentences of why of a corpus document, as Faultline's {@code Why} takes them. */
    static List<String> why(JsonNode d) {
        List<String> sentences = new ArrayList<>();
        for (JsonNode r : d.path("rootCauses")) {
            if (!r.has("ruledOut")) {
                sentences.add(r.get("summary").asText());
            }
        }
        d.path("contributingFactors").forEach(f -> sentences.add(f.get("text").asText()));
        for (JsonNode e : d.path("timeline")) {
            if ("TRIGGER".equals(e.path("kind").asText())) {
                sentences.add(e.get("text").asText());
            }
        }
        if (d.hasNonNull("summary")) {
            sentences.add(d.get("summary").asText());
        }
        return List.copyOf(new LinkedHashSet<>(sentences));
    }

    static double peerLoad(String jdbcUrl, Path corpus) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS peer_related");
                s.execute("DROP TABLE IF EXISTS peer_label");
                s.execute("""
                        CREATE TABLE peer_related (id text PRIMARY KEY, title text, organization text,
                          started_at timestamptz, labels text[], why tsvector)""");
            }
            c.setAutoCommit(false);
            try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8);
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO peer_related (id, title, organization, started_at, labels, why)
                         VALUES (?, ?, ?, ?, ?, to_tsvector('english', ?))""")) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    JsonNode d = JSON.readTree(line);
                    Set<String> labels = new LinkedHashSet<>();
                    for (JsonNode r : d.path("rootCauses")) {
                        if (!r.has("ruledOut")) {
                            r.path("labels").forEach(l -> labels.add(l.asText()));
                        }
                    }
                    d.path("contributingFactors").forEach(f -> f.path("labels").forEach(l -> labels.add(l.asText())));
                    insert.setString(1, d.get("id").asText());
                    insert.setString(2, d.get("title").asText());
                    insert.setString(3, d.get("organization").asText());
                    insert.setTimestamp(4, Timestamp.from(Instant.parse(d.get("startedAt").asText())));
                    insert.setArray(5, c.createArrayOf("text", labels.toArray()));
                    insert.setString(6, String.join(". ", why(d)) + ". " + d.get("title").asText());
                    insert.addBatch();
                    if (++n % 1000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX peer_related_labels ON peer_related USING gin (labels)");
                s.execute("CREATE INDEX peer_related_why ON peer_related USING gin (why)");
                s.execute("CREATE TABLE peer_label AS SELECT l AS label, count(*) AS n FROM peer_related, unnest(labels) l GROUP BY l");
                s.execute("ALTER TABLE peer_label ADD PRIMARY KEY (label)");
                s.execute("VACUUM ANALYZE peer_related");
                s.execute("VACUUM ANALYZE peer_label");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The peer's related query: top 10 by rarity-weighted shared labels plus ts_rank of the why text. */
    static final String PEER_SQL = """
            WITH src AS (SELECT labels, why FROM peer_related WHERE id = ?),
                 total AS (SELECT count(*)::float8 AS n FROM peer_related),
                 q AS (SELECT to_tsquery('english', string_agg(quote_literal(u.lexeme), ' | ')) AS q
                         FROM src, unnest(src.why) AS u),
                 cand AS (SELECT p.id FROM peer_related p, src WHERE p.labels && src.labels
                          UNION SELECT p.id FROM peer_related p, q WHERE p.why @@ q.q)
            SELECT p.id, p.title, p.organization, p.started_at,
                   (SELECT coalesce(sum(ln((total.n + 1) / (f.n + 0.5))), 0)
                      FROM unnest(p.labels) l JOIN peer_label f ON f.label = l
                     WHERE l = ANY (src.labels)) + ts_rank(p.why, q.q) AS score
              FROM cand JOIN peer_related p USING (id), src, q, total
             WHERE p.id <> ?
             ORDER BY score DESC, p.id LIMIT ?""";

    static List<String> peer(Connection c, String id) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PEER_SQL)) {
            s.setString(1, id);
            s.setString(2, id);
            s.setInt(3, SIZE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static List<String> faultline(HttpClient http, String baseUrl, String id) throws Exception {
        HttpResponse<byte[]> response = http.send(Latencies.request(
                URI.create(baseUrl + "/api/incidents/" + id + "/related?size=" + SIZE)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " for " + id + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    interface Engine {
        List<String> related(String id) throws Exception;
    }

    /**
     * Faultline over {@code sources} incidents × {@code rounds} (after 3 warm-up passes); then both
     * engines interleaved on the first {@code peerSources} of them, one pass after one warm-up pass
     * (the peer takes seconds per query at 100k: a full pass of it would take most of an hour).
     */
    static void measure(String baseUrl, String jdbcUrl, int incidents, int sources, int rounds, int peerSources)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            ids.add("synthetic-" + (int) ((long) i * incidents / sources));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sources", sources);
        report.put("size", SIZE);
        Engine ours = id -> faultline(http, baseUrl, id);
        for (int r = 0; r < 3; r++) {
            for (String id : ids) {
                ours.related(id);
            }
        }
        Latencies alone = new Latencies();
        for (int r = 0; r < rounds; r++) {
            for (String id : ids) {
                long t0 = System.nanoTime();
                ours.related(id);
                alone.add(System.nanoTime() - t0);
            }
        }
        Latencies sortedAlone = Latencies.merge(List.of(alone));
        report.put("faultline", Map.of("p50Ms", round(sortedAlone.percentileMs(50)), "p99Ms",
                round(sortedAlone.percentileMs(99)), "requests", sortedAlone.count()));
        System.out.println("faultline alone " + report.get("faultline"));
        List<String> some = ids.subList(0, Math.min(peerSources, ids.size()));
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            Engine peer = id -> peer(c, id);
            for (String id : some) {
                peer.related(id);
            }
            Latencies oursPaired = new Latencies();
            Latencies peerPaired = new Latencies();
            double overlap = 0;
            for (String id : some) {
                long t0 = System.nanoTime();
                List<String> a = ours.related(id);
                long t1 = System.nanoTime();
                List<String> b = peer.related(id);
                long t2 = System.nanoTime();
                oursPaired.add(t1 - t0);
                peerPaired.add(t2 - t1);
                Set<String> common = new LinkedHashSet<>(a);
                common.retainAll(b);
                overlap += common.size() / (double) SIZE;
            }
            Latencies o = Latencies.merge(List.of(oursPaired));
            Latencies p = Latencies.merge(List.of(peerPaired));
            report.put("paired", Map.of("sources", some.size(),
                    "faultlineP50Ms", round(o.percentileMs(50)), "faultlineP99Ms", round(o.percentileMs(99)),
                    "postgresP50Ms", round(p.percentileMs(50)), "postgresP99Ms", round(p.percentileMs(99)),
                    "top10Overlap", Math.round(overlap / some.size() * 100) / 100.0));
        }
        System.out.println("RELATED_JSON " + JSON.writeValueAsString(report));
    }

    /** Sentences per second of the model alone, in batches of 64, over distinct sentences of the corpus. */
    static void embed(Path corpus, int count) throws Exception {
        List<String> sentences = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while (sentences.size() < count && (line = in.readLine()) != null) {
                for (String s : why(JSON.readTree(line))) {
                    if (seen.add(s) && sentences.size() < count) {
                        sentences.add(s);
                    }
                }
            }
        }
        long l0 = System.nanoTime();
        var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        model.embed("warm up");
        double loadS = (System.nanoTime() - l0) / 1e9;
        model.embedAll(sentences.subList(0, Math.min(64, sentences.size())).stream().map(TextSegment::from).toList());
        long t0 = System.nanoTime();
        for (int from = 0; from < sentences.size(); from += 64) {
            model.embedAll(sentences.subList(from, Math.min(sentences.size(), from + 64)).stream().map(TextSegment::from).toList());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "EMBED_JSON {\"sentences\":%d,\"seconds\":%.1f,\"sentencesPerSecond\":%.0f,\"modelLoadSeconds\":%.2f}%n",
                sentences.size(), seconds, sentences.size() / seconds, loadS);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
