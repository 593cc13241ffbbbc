package dev.faultline.infra.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's server: durable settings, alone on its directory, restarted when it dies. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void commits_are_durable() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            assertThat(show(db, "fsync")).isEqualTo("on");
            assertThat(show(db, "synchronous_commit")).isEqualTo("on");
            assertThat(show(db, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void a_server_left_by_a_killed_run_is_stopped_and_replaced() throws Exception {
        Path pg = dir.resolve("pg");
        String postgresBinary;
        int port;
        try (EmbeddedDatabase first = EmbeddedDatabase.start(pg)) {
            port = first.port();
            postgresBinary = ProcessHandle.of(EmbeddedDatabase.serverPid(pg).orElseThrow()).orElseThrow()
                    .info().command().orElseThrow();
            execute(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        }
        // what a kill -9 of the JVM leaves behind: a server on the directory that no JVM owns
        Path pgCtl = Path.of(postgresBinary).resolveSibling("pg_ctl");
        // as the embedded library does: as root, in a user namespace of its own (PostgreSQL refuses root)
        java.util.List<String> command = new java.util.ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/unshare")) && "root".equals(System.getProperty("user.name"))) {
            command.addAll(java.util.List.of("/usr/bin/unshare", "-U"));
        }
        command.addAll(java.util.List.of(pgCtl.toString(), "-D", pg.toString(), "-o", "-p " + port, "-w", "start"));
        Process start = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("orphan.log").toFile()).start();
        assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as(Files.readString(dir.resolve("orphan.log"))).isZero();
        long orphan = EmbeddedDatabase.serverPid(pg).orElseThrow();

        try (EmbeddedDatabase second = EmbeddedDatabase.start(pg)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(EmbeddedDatabase.serverPid(pg).orElseThrow()).isNotEqualTo(orphan);
            assertThat(query(second, "SELECT v FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void a_server_that_dies_is_restarted_on_the_same_port() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
            execute(db, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
            long pid = EmbeddedDatabase.serverPid(dir.resolve("pg")).orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String value = null;
            while (value == null && System.nanoTime() < deadline) {
                try {
                    value = query(db, "SELECT v FROM kept");
                } catch (SQLException stillDown) {
                    Thread.sleep(200);
                }
            }
            assertThat(value).as("the committed row after the restart").isEqualTo("7");
            assertThat(EmbeddedDatabase.serverPid(dir.resolve("pg")).orElseThrow()).isNotEqualTo(pid);
        }
    }

    @Test
    void nothing_is_stopped_when_the_directory_has_no_server() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(LeftoverPostmaster.stopIfRunning(dir.resolve("empty"), Duration.ofSeconds(1))).isFalse();
    }

    private static String show(EmbeddedDatabase db, String setting) throws SQLException {
        return query(db, "SHOW " + setting);
    }

    private static String query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
