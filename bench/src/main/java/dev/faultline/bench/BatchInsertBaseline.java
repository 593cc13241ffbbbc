package dev.faultline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Baseline of the bulk-import benchmark: the very event rows the import wrote (read back from
 * domainevententry), inserted again with plain JDBC batch inserts (1,000 rows a batch, one
 * transaction a batch) into a table of the same shape. Prints events/s as JSON.
 * Usage: BatchInsertBaseline jdbcUrl
 */
public final class BatchInsertBaseline {

    record Row(String id, String aggregate, long sequence, String type, String timestamp, String payloadType,
               String payload, String metadata) {
    }

    /** Rows read (untimed) and then inserted (timed) per round, so a 1 GB corpus fits in memory. */
    private static final int ROUND = 200_000;

    public static void main(String[] args) throws Exception {
        String url = args[0] + (args[0].contains("?") ? "&" : "?") + "stringtype=unspecified";
        try (Connection read = DriverManager.getConnection(url, "postgres", "");
             Connection write = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement s = write.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_bulk_events");
                s.execute("CREATE TABLE bench_bulk_events (LIKE domainevententry INCLUDING ALL)");
            }
            read.setAutoCommit(false);
            write.setAutoCommit(false);
            long total = 0;
            long nanos = 0;
            try (Statement s = read.createStatement();
                 PreparedStatement insert = write.prepareStatement("INSERT INTO bench_bulk_events (eventidentifier,"
                         + " aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata)"
                         + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("SELECT eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,"
                        + " payloadtype, payload::text, metadata::text FROM domainevententry ORDER BY globalindex")) {
                    List<Row> rows = new ArrayList<>(ROUND);
                    boolean more = true;
                    while (more) {
                        rows.clear();
                        while (rows.size() < ROUND && (more = rs.next())) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                        }
                        long start = System.nanoTime();
                        insertAll(rows, insert, write);
                        nanos += System.nanoTime() - start;
                        total += rows.size();
                    }
                }
            }
            double seconds = nanos / 1e9;
            System.out.printf(Locale.ROOT, "BASELINE_JSON {\"events\":%d,\"seconds\":%.2f,\"eventsPerSecond\":%.0f}%n",
                    total, seconds, total / seconds);
        }
    }

    private static void insertAll(List<Row> rows, PreparedStatement insert, Connection c) throws Exception {
        int n = 0;
        for (Row r : rows) {
            insert.setString(1, r.id());
            insert.setString(2, r.aggregate());
            insert.setLong(3, r.sequence());
            insert.setString(4, r.type());
            insert.setString(5, r.timestamp());
            insert.setString(6, r.payloadType());
            insert.setString(7, r.payload());
            insert.setString(8, r.metadata());
            insert.addBatch();
            if (++n % 1000 == 0) {
                insert.executeBatch();
                c.commit();
            }
        }
        insert.executeBatch();
        c.commit();
    }
}
