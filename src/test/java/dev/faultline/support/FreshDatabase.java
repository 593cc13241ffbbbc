package dev.faultline.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Gives the test run its own, new PostgreSQL database on the machine's server (default
 * {@code jdbc:postgresql://127.0.0.1:5432/}, override with {@code FAULTLINE_TEST_PG}), and drops
 * it afterwards, and a search index directory of its own. Nothing depends on what earlier runs left behind.
 */
public class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String SERVER = envOr("FAULTLINE_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = envOr("FAULTLINE_TEST_PG_USER", "postgres");

    private String name;

    @Override
    public Map<String, String> start() {
        name = "faultline_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        execute("CREATE DATABASE " + name);
        return Map.of(
                "faultline.search.index-dir", "target/test-index/" + name,
                "quarkus.datasource.jdbc.url", SERVER + name,
                "quarkus.datasource.username", USER);
    }

    @Override
    public void stop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
