package dev.faultline.infra.axon;

import dev.faultline.support.FreshDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node's id lives in its data directory and names its own search and patterns processors; the
 * first node on a store written by the single-node version takes over those processors' tokens and
 * parked events, so it does not read the whole store again; the second finds nothing to take.
 */
class ProcessorNamesTest {

    @TempDir
    Path dir;

    @Test
    void the_node_id_is_created_once_and_kept() throws Exception {
        Path file = dir.resolve("data/node-id");
        ProcessorNames first = new ProcessorNames(file);
        assertThat(first.node()).matches("[0-9a-f]{12}");
        assertThat(new ProcessorNames(file).node()).as("read back after a restart").isEqualTo(first.node());
        assertThat(new ProcessorNames(dir.resolve("other/node-id")).node()).isNotEqualTo(first.node());

        assertThat(first.of("search")).isEqualTo("search@" + first.node());
        assertThat(first.of("patterns")).isEqualTo("patterns@" + first.node());
        assertThat(first.of("catalogue")).as("kept in PostgreSQL only: one shared processor").isEqualTo("catalogue");
    }

    @Test
    void an_id_that_cannot_name_a_processor_is_refused() throws Exception {
        Path file = dir.resolve("node-id");
        Files.writeString(file, "Node A; DROP\n");
        assertThatThrownBy(() -> new ProcessorNames(file)).hasMessageContaining("is not 1-63 lower-case letters");
    }

    @Test
    void the_first_node_takes_over_the_single_node_tokens_and_parked_events() throws Exception {
        FreshDatabase.Server server = FreshDatabase.server();
        String database = "faultline_names_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        FreshDatabase.execute(server, "CREATE DATABASE " + database);
        try {
            String url = server.url() + database;
            Flyway.configure().dataSource(url, server.user(), server.password()).load().migrate();
            try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner) VALUES
                          ('search', 0, 'a'::bytea, 'T', '2026-12-01T00:00:00Z', 'old'),
                          ('patterns', 0, 'b'::bytea, 'T', '2026-12-01T00:00:00Z', NULL),
                          ('catalogue', 0, 'c'::bytea, 'T', '2026-12-01T00:00:00Z', NULL)""");
                statement.executeUpdate("""
                        INSERT INTO deadletterentry (deadletteridentifier, processinggroup, sequenceidentifier, sequenceindex,
                          messagetype, eventidentifier, timestamp, payloadtype, payload, metadata, enqueuedat, lasttouched)
                        VALUES ('d1', 'patterns', 'incident-1', 0, 'T', 'e1', '2026-12-01T00:00:00Z', 'P', 'x'::bytea,
                          'y'::bytea, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')""");

                ProcessorNames first = new ProcessorNames(dir.resolve("a/node-id"));
                first.adoptSingleNodeTokens(connection);
                assertThat(rows(statement, "SELECT processorname || ':' || encode(token, 'escape') || ':' || coalesce(owner, '-')"
                        + " FROM tokenentry ORDER BY 1")).containsExactly(
                        "catalogue:c:-", "patterns@" + first.node() + ":b:-", "search@" + first.node() + ":a:-");
                assertThat(rows(statement, "SELECT processinggroup FROM deadletterentry"))
                        .containsExactly("patterns@" + first.node());

                ProcessorNames second = new ProcessorNames(dir.resolve("b/node-id"));
                second.adoptSingleNodeTokens(connection);
                assertThat(rows(statement, "SELECT processorname FROM tokenentry ORDER BY 1")).as("nothing left to take")
                        .containsExactly("catalogue", "patterns@" + first.node(), "search@" + first.node());
                assertThat(connection.getAutoCommit()).as("the connection is handed back as it came").isTrue();
            }
        } finally {
            FreshDatabase.execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
