package dev.faultline.web;

import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission for the requests whose cost grows with the burst: a PDF rendering holds a page layout
 * and fonts (tens of MB each), a bulk export streams every incident. Fifty PDFs at once once
 * exhausted the heap. A few run at once; a request waits briefly for its turn, and past that it
 * is answered 503 with {@code Retry-After} instead of being queued without bound.
 */
@ApplicationScoped
public class RenderAdmission {

    /** Renderings of one PDF that may run at once: one per core, at least two. */
    static final int PDF = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Bulk exports (every incident as documents or postmortems) that may stream at once. */
    static final int BULK = 2;
    private static final long WAIT_MILLIS = 2_000;

    private final Semaphore pdf = new Semaphore(PDF, true);
    private final Semaphore bulk = new Semaphore(BULK, true);

    /** Runs a PDF rendering once admitted; 503 when too many are running. */
    public <T> T pdf(java.util.function.Supplier<T> rendering) {
        acquire(pdf, "PDF renderings");
        try {
            return rendering.get();
        } finally {
            pdf.release();
        }
    }

    /**
     * Admits a streamed bulk export; the permit is returned when the response ends or its
     * connection closes, whichever comes first.
     */
    public void bulk(RoutingContext request) {
        acquire(bulk, "bulk exports");
        AtomicBoolean released = new AtomicBoolean();
        // called once the response is done, failed, or its connection closed
        request.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                bulk.release();
            }
        });
    }

    private static void acquire(Semaphore permits, String what) {
        try {
            if (permits.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "too many " + what
                + " are running at once; retry in a few seconds", null), "5");
    }
}
