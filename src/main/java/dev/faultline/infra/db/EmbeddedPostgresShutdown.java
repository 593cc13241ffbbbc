package dev.faultline.infra.db;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Orders the embedded PostgreSQL's stop after the application's: on SIGTERM the JVM runs every
 * shutdown hook at once, and the database must outlive the shutdown observers that still write to
 * it (the processors storing their tokens, the search projection flushing deferred writes). The
 * launcher's hook waits here until the last shutdown observer has run.
 */
@ApplicationScoped
public class EmbeddedPostgresShutdown {

    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** After every other shutdown observer (the highest priority value runs last). */
    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        STOPPED.countDown();
    }

    /** Waits until the application has stopped using the database; at once if it never started. */
    static void awaitApplicationStopped(Duration timeout) {
        if (!started) {
            return;
        }
        try {
            STOPPED.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
