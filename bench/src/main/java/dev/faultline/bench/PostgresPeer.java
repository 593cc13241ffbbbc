package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The peer of the search benchmark: PostgreSQL full-text search done the way a competent team
 * would — one row per incident with a weighted tsvector (title and root causes A, summary B, the
 * rest C, retracted facts D) in a GIN index, websearch_to_tsquery for what users type, ts_rank
 * ordering, ts_headline snippets for the page, and facet counts by GROUP BY over all matches.
 */
final class PostgresPeer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PostgresPeer() {
    }

    /** Loads the corpus into table peer_incident and builds the GIN index; returns seconds taken. */
    static double load(String jdbcUrl, Path corpus) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS peer_incident");
                s.execute("""
                        CREATE TABLE peer_incident (
                          id text PRIMARY KEY, title text, organization text, severity text, status text,
                          started_at timestamptz, year int, labels text[], body text, tsv tsvector)""");
            }
            c.setAutoCommit(false);
            try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8);
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO peer_incident (id, title, organization, severity, status, started_at, year, labels, body, tsv)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
                           setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B')
                           || setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'D'))""")) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    JsonNode d = JSON.readTree(line);
                    Texts t = texts(d);
                    Instant started = Instant.parse(d.get("startedAt").asText());
                    insert.setString(1, d.get("id").asText());
                    insert.setString(2, d.get("title").asText());
                    insert.setString(3, d.get("organization").asText());
                    insert.setString(4, d.get("severity").asText());
                    insert.setString(5, d.has("resolution") ? "RESOLVED" : "ONGOING");
                    insert.setTimestamp(6, Timestamp.from(started));
                    insert.setInt(7, started.atZone(ZoneOffset.UTC).getYear());
                    insert.setArray(8, c.createArrayOf("text", t.labels.toArray()));
                    insert.setString(9, t.body());
                    insert.setString(10, t.a.toString());
                    insert.setString(11, t.b.toString());
                    insert.setString(12, t.c.toString());
                    insert.setString(13, t.d.toString());
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
                s.execute("CREATE INDEX peer_incident_tsv ON peer_incident USING gin (tsv)");
                s.execute("CREATE INDEX peer_incident_labels ON peer_incident USING gin (labels)");
                s.execute("CREATE INDEX peer_incident_org ON peer_incident (organization)");
                s.execute("VACUUM ANALYZE peer_incident");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private record Texts(StringBuilder a, StringBuilder b, StringBuilder c, StringBuilder d, List<String> labels) {
        String body() {
            return a + "\n" + b + "\n" + c;
        }
    }

    /** The same text the search index holds, by weight. */
    private static Texts texts(JsonNode d) {
        Texts t = new Texts(new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder(), new ArrayList<>());
        t.a.append(d.get("title").asText()).append(". ").append(d.get("organization").asText()).append(". ");
        t.b.append(d.path("summary").asText("")).append(' ');
        for (JsonNode e : d.path("timeline")) {
            t.c.append(e.get("text").asText()).append(". ");
        }
        for (JsonNode s : d.path("statements")) {
            t.c.append(s.get("quote").asText()).append(' ').append(s.get("speaker").asText()).append(". ");
        }
        for (JsonNode r : d.path("rootCauses")) {
            (r.has("ruledOut") ? t.d : t.a).append(r.get("summary").asText()).append(". ");
            if (!r.has("ruledOut")) {
                r.path("labels").forEach(l -> t.labels.add(l.asText()));
            }
        }
        for (JsonNode f : d.path("contributingFactors")) {
            t.c.append(f.get("text").asText()).append(". ");
            f.path("labels").forEach(l -> t.labels.add(l.asText()));
        }
        t.c.append(d.path("impact").path("description").asText("")).append(". ");
        for (JsonNode r : d.path("remediations")) {
            t.c.append(r.get("description").asText()).append(". ");
        }
        t.c.append(d.path("resolution").path("how").asText("")).append('.');
        return t;
    }

    /** One search like GET /api/search: top {@code size} with headlines, total and facets; returns the top ids. */
    static List<String> search(Connection c, SearchQueries query, int size) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE tsv @@ q");
        List<Object> args = new ArrayList<>();
        for (Map.Entry<String, String> f : query.filters().entrySet()) {
            switch (f.getKey()) {
                case "organization" -> { where.append(" AND lower(organization) = lower(?)"); args.add(f.getValue()); }
                case "severity" -> { where.append(" AND severity = ?"); args.add(f.getValue()); }
                case "label" -> { where.append(" AND labels @> ARRAY[?]::text[]"); args.add(f.getValue()); }
                case "from" -> { where.append(" AND started_at >= ?"); args.add(ts(f.getValue())); }
                case "to" -> { where.append(" AND started_at < ?"); args.add(ts(f.getValue())); }
                default -> throw new IllegalArgumentException(f.getKey());
            }
        }
        String from = " FROM peer_incident, websearch_to_tsquery('english', ?) q";
        List<String> ids = new ArrayList<>();
        try (PreparedStatement top = c.prepareStatement("""
                SELECT id, title, organization, severity, started_at, r,
                       ts_headline('english', body, q, 'StartSel=<em>, StopSel=</em>, MaxFragments=2, MaxWords=25, MinWords=8')
                  FROM (SELECT id, title, organization, severity, started_at, body, q, ts_rank(tsv, q) AS r""" + from + where
                + " ORDER BY r DESC, started_at DESC LIMIT ?) hits ORDER BY r DESC, started_at DESC")) {
            int i = 1;
            top.setString(i++, query.q());
            for (Object a : args) {
                top.setObject(i++, a);
            }
            top.setInt(i, size);
            try (ResultSet rs = top.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    rs.getString(7);
                }
            }
        }
        try (PreparedStatement facets = c.prepareStatement("WITH m AS MATERIALIZED (SELECT organization, severity, year, labels"
                + from + where + """
                )
                SELECT 'total', NULL, count(*) FROM m
                UNION ALL SELECT 'organization', organization, count(*) FROM m GROUP BY organization
                UNION ALL SELECT 'severity', severity, count(*) FROM m GROUP BY severity
                UNION ALL SELECT 'year', year::text, count(*) FROM m GROUP BY year
                UNION ALL (SELECT 'label', l, count(*) FROM m, unnest(labels) l GROUP BY l ORDER BY 3 DESC LIMIT 50)""")) {
            int i = 1;
            facets.setString(i++, query.q());
            for (Object a : args) {
                facets.setObject(i++, a);
            }
            try (ResultSet rs = facets.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(3);
                }
            }
        }
        return ids;
    }

    private static Timestamp ts(String date) {
        return Timestamp.from(LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
