package dev.faultline.infra.db;

import dev.faultline.failure.OutOfMemoryExit;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts Faultline. With a datasource URL configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or the
 * {@code quarkus.datasource.jdbc.url} property) it uses that PostgreSQL and starts nothing else.
 * Without one, it first starts an embedded PostgreSQL whose data lives in
 * {@code $FAULTLINE_DATA_DIR/pg} (default {@code ./data/pg}) and survives restarts, and listens on
 * 127.0.0.1 only ({@code QUARKUS_HTTP_HOST=0.0.0.0} opens it).
 */
@QuarkusMain
public final class FaultlineMain {

    static {
        // Quarkus logs through JBoss LogManager; it must be chosen before anything touches JUL
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }

    private static final Logger LOG = Logger.getLogger(FaultlineMain.class);
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String HOST_PROPERTY = "quarkus.http.host";
    /** Exit status when no embedded PostgreSQL ships for this platform and no server is configured. */
    static final int UNSUPPORTED_PLATFORM = 2;

    private FaultlineMain() {
    }

    public static void main(String... args) throws IOException, InterruptedException {
        java.util.Optional<java.util.List<String>> child = JvmDefaults.childCommand(args);
        if (child.isPresent()) {
            System.exit(JvmDefaults.runChild(child.get()));
            return;
        }
        JvmDefaults.followLauncher();
        OutOfMemoryExit.install();
        if (configuredUrl() != null) {
            Quarkus.run(null, FaultlineMain::exit, args);
            return;
        }
        EmbeddedDatabase postgres;
        try {
            postgres = EmbeddedDatabase.start(dataDir().resolve("pg"));
        } catch (EmbeddedDatabase.UnsupportedPlatform e) {
            System.err.println(e.getMessage()); // one line, no stack trace: the user's next step
            System.exit(UNSUPPORTED_PLATFORM);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            EmbeddedPostgresShutdown.awaitApplicationStopped(java.time.Duration.ofSeconds(30));
            postgres.close();
        }, "embedded-postgres-stop"));
        if (System.getenv("QUARKUS_HTTP_HOST") == null && System.getProperty(HOST_PROPERTY) == null) {
            // the embedded default is a single-user set-up: reachable from this machine only, unless opened
            System.setProperty(HOST_PROPERTY, "127.0.0.1");
        }
        System.setProperty(URL_PROPERTY, postgres.jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        Quarkus.run(null, (status, failure) -> {
            postgres.close();
            exit(status, failure);
        }, args);
    }

    /**
     * Ends the process when Quarkus has stopped, whatever stopped it: a JVM whose HTTP server is
     * gone must not linger with its non-daemon threads. If the shutdown hooks hang, the process is
     * halted after a grace period rather than left half alive.
     */
    private static void exit(int status, Throwable failure) {
        if (failure != null) {
            LOG.error("Faultline stopped on a failure", failure);
        }
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(status == 0 ? 1 : status);
        }, "exit-watchdog");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }

    /** {@code $FAULTLINE_DATA_DIR}, or the {@code faultline.data-dir} property, or {@code ./data}. */
    public static Path dataDir() {
        String dir = System.getenv("FAULTLINE_DATA_DIR");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("faultline.data-dir", "data");
        }
        return Path.of(dir).toAbsolutePath();
    }

    private static String configuredUrl() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        return url != null && !url.isBlank() ? url : System.getProperty(URL_PROPERTY);
    }
}
