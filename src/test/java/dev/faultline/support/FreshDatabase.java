package dev.faultline.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Gives each test application a new PostgreSQL database of its own, dropped afterwards, and a
 * search index directory of its own: nothing depends on what earlier runs left behind.
 *
 * <p>The server: {@code FAULTLINE_TEST_PG_URL} (with {@code _USER} and {@code _PASSWORD}) when set,
 * e.g. {@code jdbc:postgresql://127.0.0.1:5432/} as CI sets it for this machine's server; otherwise
 * an embedded PostgreSQL started once for the whole test run, so {@code mvn verify} needs no
 * database server at all.
 */
public class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    private static Server server;

    private String name;

    /** A PostgreSQL server: its base URL (ending in '/') and credentials. */
    public record Server(String url, String user, String password) {
    }

    @Override
    public Map<String, String> start() {
        Server s = server();
        name = "faultline_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        execute(s, "CREATE DATABASE " + name);
        return Map.of(
                "faultline.search.index-dir", "target/test-index/" + name,
                "faultline.node-id-file", "target/test-index/" + name + ".node-id",
                // used only when a test profile chooses OpenSearch: its indexes are this database's
                "faultline.search.index-prefix", name,
                "quarkus.datasource.jdbc.url", s.url() + name,
                "quarkus.datasource.username", s.user(),
                "quarkus.datasource.password", s.password());
    }

    @Override
    public void stop() {
        execute(server(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The configured server, or the embedded one, started on first use and stopped with the JVM. */
    public static synchronized Server server() {
        if (server != null) {
            return server;
        }
        String url = envOr("FAULTLINE_TEST_PG_URL", System.getenv("FAULTLINE_TEST_PG"));
        if (url != null) {
            server = new Server(url.endsWith("/") ? url : url + "/", envOr("FAULTLINE_TEST_PG_USER", "postgres"),
                    envOr("FAULTLINE_TEST_PG_PASSWORD", ""));
            return server;
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    // the JVM is ending; the library removes its directory either way
                }
            }, "test-postgres-stop"));
            server = new Server("jdbc:postgresql://localhost:" + embedded.getPort() + "/", "postgres", "");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("no FAULTLINE_TEST_PG_URL is set and the embedded PostgreSQL did not start", e);
        }
    }

    public static void execute(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.url() + "postgres", s.user(), s.password());
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + s.url() + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
