package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Patterns benchmark (issue 22): GET /api/patterns (default query, and with a label and an
 * organization), GET /api/incidents/{id}/recurrence and GET /api/remediations?overdue=true over
 * HTTP, one client, interleaved request by request with the same answers computed by plain SQL
 * over the catalogue in the same database, over JDBC (no HTTP: an advantage for the peer).
 * <p>
 * The peer ({@code peer-load}) normalizes the projection's table {@code incident_facts} (each
 * incident's standing labels, durations and actions, as JSON) into three indexed tables: incidents,
 * labels (with dimension and family, from GET /api/taxonomy) and actions. Its queries expand label
 * combinations with self-joins and GROUP BY them, counting distinct organizations and taking
 * {@code percentile_disc} of the durations, as a team would write it without a projection.
 * Usage: PatternBenchmark peer-load baseUrl jdbcUrl
 *        PatternBenchmark measure baseUrl jdbcUrl incidents rounds
 */
public final class PatternBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "peer-load" -> System.out.printf(Locale.ROOT, "PEER_LOAD_SECONDS %.1f%n", peerLoad(args[1], args[2]));
            case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static double peerLoad(String baseUrl, String jdbcUrl) throws Exception {
        long t0 = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode taxonomy = JSON.readTree(http.send(Latencies.request(URI.create(baseUrl + "/api/taxonomy")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS peer_label, peer_action, peer_incident, peer_family");
            s.execute("CREATE TABLE peer_family (label TEXT PRIMARY KEY, family TEXT NOT NULL)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO peer_family VALUES (?, ?)")) {
                for (JsonNode d : taxonomy.get("dimensions")) {
                    for (JsonNode l : d.get("labels")) {
                        if (l.hasNonNull("family")) {
                            p.setString(1, l.get("label").asText());
                            p.setString(2, l.get("family").asText());
                            p.addBatch();
                        }
                    }
                }
                p.executeBatch();
            }
            s.execute("""
                    CREATE TABLE peer_incident AS
                    SELECT incident_id AS id, facts->>'organization' AS org, (facts->>'startedAt')::timestamptz AS started_at,
                           (facts->>'detectSeconds')::bigint AS detect_s, (facts->>'mitigateSeconds')::bigint AS mitigate_s,
                           (facts->>'durationSeconds')::bigint AS duration_s, facts
                    FROM (SELECT DISTINCT ON (incident_id) incident_id, facts FROM incident_facts
                          ORDER BY incident_id, known_from DESC) latest""");
            s.execute("ALTER TABLE peer_incident ADD PRIMARY KEY (id)");
            s.execute("CREATE INDEX ON peer_incident (org)");
            s.execute("""
                    CREATE TABLE peer_label AS
                    SELECT i.id, l AS label, split_part(l, ':', 1) AS dim, f.family,
                           split_part(l, ':', 1) NOT IN ('response', 'impact') AS cause
                    FROM peer_incident i CROSS JOIN LATERAL jsonb_object_keys(i.facts->'labels') l
                    LEFT JOIN peer_family f ON f.label = l""");
            s.execute("CREATE INDEX ON peer_label (id)");
            s.execute("CREATE INDEX ON peer_label (label)");
            s.execute("""
                    CREATE TABLE peer_action AS
                    SELECT i.id, a->>'id' AS action_id, a->>'description' AS description, a->>'type' AS type,
                           a->>'owner' AS owner, (a->>'dueDate')::date AS due_date, a->>'status' AS status
                    FROM peer_incident i CROSS JOIN LATERAL jsonb_array_elements(i.facts->'actions') a""");
            s.execute("CREATE INDEX ON peer_action (due_date)");
            s.execute("CREATE INDEX ON peer_action (id)");
            s.execute("ALTER TABLE peer_incident DROP COLUMN facts");
            s.execute("ANALYZE peer_incident; ANALYZE peer_label; ANALYZE peer_action");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Every pattern key of every incident: labels, families, and 2–3 cause labels of different dimensions. */
    static final String KEYS = """
            WITH keys AS (
              SELECT id, label AS key FROM peer_label
              UNION SELECT id, family FROM peer_label WHERE family IS NOT NULL
              UNION ALL SELECT a.id, a.label || '+' || b.label FROM peer_label a JOIN peer_label b
                ON a.id = b.id AND a.label < b.label AND a.dim <> b.dim WHERE a.cause AND b.cause
              UNION ALL SELECT a.id, a.label || '+' || b.label || '+' || c.label FROM peer_label a
                JOIN peer_label b ON a.id = b.id AND a.label < b.label AND a.dim <> b.dim
                JOIN peer_label c ON b.id = c.id AND b.label < c.label AND c.dim <> a.dim AND c.dim <> b.dim
                WHERE a.cause AND b.cause AND c.cause)
            """;

    /** The top 20 patterns seen in at least two organizations, with figures; {@code %s}: incident filter, key filter. */
    static final String PATTERNS = KEYS + """
            SELECT k.key, count(*) AS incidents, count(DISTINCT i.org) AS orgs, min(i.started_at), max(i.started_at),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY i.detect_s), percentile_disc(0.9) WITHIN GROUP (ORDER BY i.detect_s),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY i.mitigate_s), percentile_disc(0.9) WITHIN GROUP (ORDER BY i.mitigate_s),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY i.duration_s), percentile_disc(0.9) WITHIN GROUP (ORDER BY i.duration_s),
                   count(i.duration_s)
            FROM keys k JOIN peer_incident i ON i.id = k.id
            WHERE %s
            GROUP BY k.key HAVING count(DISTINCT i.org) >= 2 AND %s
            ORDER BY orgs DESC, incidents DESC, k.key LIMIT 20""";

    /** Earlier incidents sharing a cause label or combination with ?, the most specific shared key first. */
    static final String RECURRENCE = KEYS.replace("WITH keys AS (", """
            WITH pl AS (SELECT * FROM peer_label WHERE id IN (SELECT b.id FROM peer_label s JOIN peer_label b
                ON b.label = s.label WHERE s.id = ? AND s.cause)),
            keys AS (""").replace("peer_label", "pl").replace("SELECT * FROM pl WHERE", "SELECT * FROM peer_label WHERE")
            .replace("(SELECT b.id FROM pl s JOIN pl b", "(SELECT b.id FROM peer_label s JOIN peer_label b") + """
            , mine AS (SELECT key FROM keys WHERE id = ? AND key NOT LIKE 'response:%%' AND key NOT LIKE 'impact:%%'
                         AND key NOT IN (SELECT family FROM peer_family))
            SELECT k.id, max(length(k.key) - length(replace(k.key, '+', ''))) AS specificity, count(*) AS shared,
                   bool_or(a.type IN ('PREVENT', 'DETECT') AND a.status = 'DONE') AS done
            FROM keys k JOIN mine USING (key) JOIN peer_incident e ON e.id = k.id
            LEFT JOIN peer_action a ON a.id = k.id
            WHERE e.started_at < (SELECT started_at FROM peer_incident WHERE id = ?)
            GROUP BY k.id ORDER BY specificity DESC, shared DESC, k.id LIMIT 20""";

    static final String OVERDUE = """
            SELECT a.id, a.action_id, a.description, a.type, a.owner, a.due_date, a.status, i.org
            FROM peer_action a JOIN peer_incident i ON i.id = a.id
            WHERE a.due_date < current_date AND a.status NOT IN ('DONE', 'ABANDONED')
            ORDER BY a.due_date, i.started_at DESC, a.id, a.action_id LIMIT 50""";
    static final String OVERDUE_COUNTS = """
            SELECT status, count(*) FROM peer_action WHERE due_date < current_date AND status NOT IN ('DONE', 'ABANDONED')
            GROUP BY status""";

    static final int REQUESTS = 300;
    /** Requests before the measured ones, so the JIT has compiled the endpoint's path (one was too few). */
    static final int WARM_UP = 50;
    static final int PAIRED = 5;

    interface Query {
        int run() throws Exception;
    }

    /** Faultline and the peer, interleaved request by request, {@code rounds} passes after one warm-up pass. */
    static void measure(String baseUrl, String jdbcUrl, int incidents, int rounds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sources.add("synthetic-" + (int) ((long) (2 * i + 1) * incidents / 40));
            }
            report.put("patterns", pair(rounds, List.of(
                    () -> get(http, baseUrl + "/api/patterns", "total"),
                    () -> count(c.prepareStatement(PATTERNS.formatted("true", "true"))))));
            String from = "2020-01-01T00:00:00Z";
            String label = "defect:latent-bug";
            report.put("patternsTwoFilters", pair(rounds, List.of(
                    () -> get(http, baseUrl + "/api/patterns?label=" + label + "&from=" + from, "total"),
                    () -> {
                        PreparedStatement p = c.prepareStatement(PATTERNS.formatted("i.started_at >= ?::timestamptz",
                                "(k.key = ? OR k.key LIKE ? OR k.key LIKE ?)"));
                        p.setString(1, from);
                        p.setString(2, label);
                        p.setString(3, label + "+%");
                        p.setString(4, "%+" + label + "%");
                        return count(p);
                    })));
            List<Query> recurrence = new ArrayList<>();
            List<Query> recurrencePeer = new ArrayList<>();
            for (String id : sources) {
                recurrence.add(() -> get(http, baseUrl + "/api/incidents/" + id + "/recurrence", "total"));
                recurrencePeer.add(() -> {
                    PreparedStatement p = c.prepareStatement(RECURRENCE);
                    p.setString(1, id);
                    p.setString(2, id);
                    p.setString(3, id);
                    return count(p);
                });
            }
            report.put("recurrence", pairEach(rounds, recurrence, recurrencePeer));
            report.put("overdue", pair(rounds, List.of(
                    () -> get(http, baseUrl + "/api/remediations?overdue=true", "total"),
                    () -> count(c.prepareStatement(OVERDUE)) + count(c.prepareStatement(OVERDUE_COUNTS)))));
        }
        System.out.println("PATTERNS_JSON " + JSON.writeValueAsString(report));
    }

    /** One query of each engine. */
    static Map<String, Object> pair(int rounds, List<Query> both) throws Exception {
        return pairEach(rounds, List.of(both.get(0)), List.of(both.get(1)));
    }

    /**
     * Faultline alone, {@value #REQUESTS} requests cycling through its queries after {@value #WARM_UP} warm-up ones (for a
     * p99 that means something), then both engines interleaved request by request on the first
     * {@value #PAIRED} queries, {@code rounds} passes after a warm-up pass (the peer takes seconds a query).
     */
    static Map<String, Object> pairEach(int rounds, List<Query> ours, List<Query> peer) throws Exception {
        for (int n = 0; n < WARM_UP; n++) {
            ours.get(n % ours.size()).run();
        }
        Latencies alone = new Latencies();
        int answer = 0;
        for (int n = 0; n < REQUESTS; n++) {
            long t0 = System.nanoTime();
            answer = ours.get(n % ours.size()).run();
            alone.add(System.nanoTime() - t0);
        }
        int paired = Math.min(PAIRED, ours.size());
        for (int i = 0; i < paired; i++) {
            peer.get(i).run();
        }
        Latencies o = new Latencies();
        Latencies p = new Latencies();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < paired; i++) {
                long t0 = System.nanoTime();
                ours.get(i).run();
                long t1 = System.nanoTime();
                peer.get(i).run();
                long t2 = System.nanoTime();
                o.add(t1 - t0);
                p.add(t2 - t1);
            }
        }
        Latencies as = Latencies.merge(List.of(alone));
        Latencies os = Latencies.merge(List.of(o));
        Latencies ps = Latencies.merge(List.of(p));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("faultline", Map.of("requests", as.count(), "p50Ms", round(as.percentileMs(50)), "p99Ms", round(as.percentileMs(99))));
        m.put("interleaved", Map.of("requests", os.count(), "faultlineP50Ms", round(os.percentileMs(50)),
                "faultlineMaxMs", round(os.percentileMs(100)), "sqlP50Ms", round(ps.percentileMs(50)),
                "sqlMaxMs", round(ps.percentileMs(100))));
        m.put("lastTotal", answer);
        System.out.println(m);
        return m;
    }

    static int get(HttpClient http, String url, String field) throws Exception {
        HttpResponse<String> response = http.send(Latencies.request(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path(field).asInt();
    }

    static int count(PreparedStatement statement) throws Exception {
        try (statement; ResultSet rs = statement.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
