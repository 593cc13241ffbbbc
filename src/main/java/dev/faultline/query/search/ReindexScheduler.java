package dev.faultline.query.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Decides when the search projection's changed incidents are written ({@link SearchWriter} writes
 * them), so that re-indexing never starves the write path:
 * <ul>
 *   <li><b>Interval.</b> An incident written less than {@link #MIN_REINDEX_INTERVAL} ago is deferred
 *       and written by the flusher when its interval is over: an incident appended to every few
 *       milliseconds is re-folded a few times a second, not once per batch.</li>
 *   <li><b>Rest.</b> After writing for T, nothing is written for {@link #REST_PER_WORK} × T
 *       (deferring meanwhile): re-indexing takes at most a third of a core.</li>
 *   <li><b>Slices.</b> Work that can wait is written in slices of {@code faultline.search.slice-millis}.</li>
 *   <li><b>Backlog.</b> Past {@link #MAX_PENDING} deferred incidents, the processor writes instead of
 *       resting, so a bulk import slows it down rather than piling up in memory.</li>
 * </ul>
 * With an index shared by all nodes (OpenSearch) nothing is deferred: the other nodes know how far
 * the projection has written from its token only.
 * Deferred writes hold back the position the projection reports as written ({@link #writtenUpTo},
 * what {@code minPosition} waits for) and are flushed at shutdown. An incident whose document
 * cannot be written is parked ({@link IncidentParking}) and the others go on.
 */
@ApplicationScoped
public class ReindexScheduler {

    private static final Logger LOG = Logger.getLogger(ReindexScheduler.class);

    /** Shortest time between two writes of one incident's document. */
    static final Duration MIN_REINDEX_INTERVAL = Duration.ofMillis(300);

    /** After writing documents for T, rest for this many times T before writing again. */
    static final int REST_PER_WORK = 2;

    /** Most incidents waiting for a deferred write before the processor writes instead of resting. */
    static final int MAX_PENDING = 1_000;

    /**
     * Deferrable re-indexing is written in chunks from this many documents up until a slice's time
     * has passed, the rest left pending for the next slice after the rest. One burst re-indexing
     * fifty incidents of thousands of entries took a core for a few hundred milliseconds, during
     * which appends queued on the other; the same work in short slices takes the same share of the
     * CPU without those stalls.
     */
    static final int SLICE_CHUNK = 2;

    /** An incident's earliest event not yet in its document (what {@code minPosition} waits for, what is parked). */
    record Unwritten(long position, EventMessage<?> event) {
        Unwritten earlier(Unwritten other) {
            return other.position < position ? other : this;
        }
    }

    /** An incident's events in one batch: the first, and the position of the last. */
    record Touched(Unwritten first, long last) {
        Touched and(Touched other) {
            return new Touched(first.earlier(other.first), Math.max(last, other.last));
        }
    }

    private final SearchIndexes indexes;
    private final SearchWriter writer;
    private final IncidentParking parked;
    /** When each recently written incident was last written (nanoTime); bounded. */
    private final Map<String, Long> lastWritten = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).<String, Long>build().asMap();
    /** Slices take the incidents whose document is oldest first, so none waits behind busier ones. */
    private final Comparator<String> longestUnwrittenFirst = Comparator.comparing(
            lastWritten::get, Comparator.nullsFirst(Comparator.naturalOrder()));
    /** Incidents whose write was deferred, with the earliest event waiting for it. */
    private final Map<String, Unwritten> pending = new ConcurrentHashMap<>();
    /** nanoTime before which writing rests (see {@link #REST_PER_WORK}); under the write lock. */
    private long restUntil = System.nanoTime();
    private final long sliceNanos;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-flusher");
        thread.setDaemon(true);
        return thread;
    });

    ReindexScheduler(SearchIndexes indexes, SearchWriter writer, IncidentParking parked,
                     @ConfigProperty(name = "faultline.search.slice-millis", defaultValue = "25") long sliceMillis) {
        this.indexes = indexes;
        this.writer = writer;
        this.parked = parked;
        this.sliceNanos = TimeUnit.MILLISECONDS.toNanos(sliceMillis);
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush(false);
            } catch (RuntimeException e) {
                LOG.warn("Deferred search index writes failed; retrying", e);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** One event outside a processor's batch: written now unless its incident is parked. */
    void writeNow(String incidentId, Unwritten unwritten) {
        synchronized (indexes.writeLock()) {
            if (!parked.contains(incidentId)) {
                park(write(new ArrayList<>(writer.stale(Map.of(incidentId, unwritten.position()))), SearchWriter.WRITE_CHUNK, Long.MAX_VALUE),
                        id -> unwritten);
            }
        }
    }

    /**
     * A processor batch about to commit: writes its stale incidents for one slice, except those
     * written less than {@link #MIN_REINDEX_INTERVAL} ago or while resting; those and the slice's
     * leftovers are deferred to the flusher.
     */
    void writeOrDefer(Map<String, Touched> batch) {
        Map<String, Long> latest = new LinkedHashMap<>();
        batch.forEach((id, touched) -> latest.put(id, touched.last()));
        Collection<String> stale = writer.stale(latest);
        if (stale.isEmpty()) {
            return;
        }
        // under the write lock, so a flush never drops a deferral it did not write (see flush)
        synchronized (indexes.writeLock()) {
            // a parked incident waits for the operator: its retry writes these events too, in order
            stale.removeIf(parked::contains);
            Function<String, Unwritten> first = id -> batch.get(id).first();
            if (indexes.shared()) {
                // one processor feeds every node's searches, and the other nodes know how far it got
                // from its token only: nothing is deferred past the token (docs/decisions.md)
                park(write(new ArrayList<>(stale), SearchWriter.WRITE_CHUNK, Long.MAX_VALUE), first);
                return;
            }
            long now = System.nanoTime();
            boolean backlog = pending.size() >= MAX_PENDING;
            boolean resting = now < restUntil && !backlog;
            List<String> due = new ArrayList<>(stale.size());
            for (String id : stale) {
                if (!resting && intervalOver(id, now)) {
                    due.add(id);
                } else {
                    pending.merge(id, first.apply(id), Unwritten::earlier);
                }
            }
            due.sort(longestUnwrittenFirst);
            SearchWriter.Outcome outcome = backlog ? write(due, SearchWriter.WRITE_CHUNK, Long.MAX_VALUE) : writeSlice(due);
            park(outcome, first);
            due.subList(outcome.attempted().size(), due.size())
                    .forEach(id -> pending.merge(id, first.apply(id), Unwritten::earlier));
        }
    }

    /** Writes the deferred incidents whose interval is over (all of them when {@code all}). */
    void flush(boolean all) {
        if (pending.isEmpty()) {
            return;
        }
        // Under the write lock, like deferring: a deferral made before this snapshot is for events
        // committed before the re-fold below reads the store, so writing covers it; one made after
        // waits for the lock and stays pending.
        synchronized (indexes.writeLock()) {
            long now = System.nanoTime();
            if (!all && now < restUntil) {
                return;
            }
            List<String> due = new ArrayList<>();
            pending.forEach((id, unwritten) -> {
                if (all || intervalOver(id, now)) {
                    due.add(id);
                }
            });
            due.sort(longestUnwrittenFirst);
            SearchWriter.Outcome outcome = all ? write(due, SearchWriter.WRITE_CHUNK, Long.MAX_VALUE) : writeSlice(due);
            // parked before they leave pending: should parking fail, the next flush tries them again
            park(outcome, pending::get);
            outcome.attempted().forEach(pending::remove);
        }
    }

    private boolean intervalOver(String id, long now) {
        Long last = lastWritten.get(id);
        return last == null || now - last >= MIN_REINDEX_INTERVAL.toNanos();
    }

    private SearchWriter.Outcome writeSlice(List<String> ids) {
        return write(ids, SLICE_CHUNK, sliceNanos);
    }

    /** Writes through the writer, noting when each incident was written, then rests for {@link #REST_PER_WORK} × the time spent. */
    private SearchWriter.Outcome write(List<String> ids, int firstChunk, long budgetNanos) {
        if (ids.isEmpty()) {
            return new SearchWriter.Outcome(ids, Map.of());
        }
        long start = System.nanoTime();
        try {
            SearchWriter.Outcome outcome = writer.write(ids, firstChunk, budgetNanos);
            outcome.attempted().forEach(id -> lastWritten.put(id, start));
            return outcome;
        } finally {
            long end = System.nanoTime();
            restUntil = end + REST_PER_WORK * (end - start);
        }
    }

    /**
     * Parks the incidents whose document could not be written, with the earliest event it lacks.
     * In the processor's transaction when called from a batch: parked in the same commit as the token.
     */
    private void park(SearchWriter.Outcome outcome, Function<String, Unwritten> firstUnwritten) {
        outcome.failed().forEach((id, cause) -> {
            LOG.warnf(cause, "Search document of %s cannot be written; parked", id);
            parked.park(id, firstUnwritten.apply(id).event(), cause);
        });
    }

    /**
     * True once every event up to {@code position} that the projection has read is in the
     * serving index (none is waiting in a deferred write); polls until {@code timeout}.
     */
    public boolean awaitWritten(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.values().stream().anyMatch(p -> p.position() <= position)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * The position up to which every event the projection has {@code read} is in the serving index:
     * {@code read} itself, unless a deferred write is still waiting for an earlier event. Read the
     * processor's token before calling: a deferral for an event up to it was recorded before the
     * token committed, so it is seen here (or already written).
     */
    public OptionalLong writtenUpTo(OptionalLong read) {
        OptionalLong oldestWaiting = pending.values().stream().mapToLong(Unwritten::position).min();
        if (read.isEmpty() || oldestWaiting.isEmpty() || oldestWaiting.getAsLong() > read.getAsLong()) {
            return read;
        }
        return oldestWaiting.getAsLong() > 0 ? OptionalLong.of(oldestWaiting.getAsLong() - 1) : OptionalLong.empty();
    }

    /**
     * An operator's retry of parked incidents (those whose first parked event the filter picks):
     * each is re-folded and written; one that fails again stays parked, with one attempt more.
     */
    public boolean retryParked(Predicate<DeadLetter<? extends EventMessage<?>>> filter) {
        synchronized (indexes.writeLock()) {
            return parked.retry(filter, id -> Optional.ofNullable(writer.write(List.of(id)).failed().get(id)));
        }
    }

    /**
     * At shutdown, after the processors have stopped (AxonConfiguration), nothing stays deferred.
     * A slice the flusher is writing is let finish (it is bounded by the slice time): interrupted,
     * Hibernate Search would discard its work and log a failure, though the entries stay pending
     * and the final flush writes them.
     */
    void onShutdown(@Observes @Priority(3000) ShutdownEvent event) throws InterruptedException {
        flusher.shutdown();
        if (!flusher.awaitTermination(30, TimeUnit.SECONDS)) {
            flusher.shutdownNow();
        }
        flush(true);
    }
}
