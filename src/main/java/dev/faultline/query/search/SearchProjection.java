package dev.faultline.query.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faultline.api.event.IncidentEvent;
import dev.faultline.query.history.IncidentEventStream;
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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the search index in step with the event store. Fed by the streaming processor
 * {@value #GROUP} (token in PostgreSQL): each event only notes which incident changed; when the
 * batch is about to commit, every changed incident whose document does not hold the batch's events
 * yet is re-folded from its own events and written in one search session, and the index is
 * committed before the token is — except an incident written less than
 * {@link #MIN_REINDEX_INTERVAL} ago, which the flusher writes when its interval is over
 * (deferred writes hold back the position this projection reports as written, which
 * {@code minPosition} waits for, and are flushed at shutdown). Rewriting the whole document from
 * the event stream makes redelivery harmless: the same events give the same document. An incident
 * whose document cannot be folded or written is parked ({@link IncidentParking}) and the others go on.
 */
@ApplicationScoped
@ProcessingGroup(SearchProjection.GROUP)
public class SearchProjection {

    public static final String GROUP = "search";
    private static final Logger LOG = Logger.getLogger(SearchProjection.class);
    private static final String BATCH = SearchProjection.class.getName() + ".batch";

    /** Shortest time between two writes of one incident's document (see {@link #writeOrDefer}). */
    static final Duration MIN_REINDEX_INTERVAL = Duration.ofMillis(300);

    /**
     * After writing documents for T, the projection rests for this many times T before writing
     * again (deferring meanwhile), so re-indexing never takes more than a third of a core from
     * the write path, however large the incidents being appended to.
     */
    static final int REST_PER_WORK = 2;

    /**
     * Most incidents waiting for a deferred write: past it the processor writes instead of resting,
     * so a backlog (a bulk import) slows the processor down rather than piling up in memory.
     */
    static final int MAX_PENDING = 1_000;

    /** Most documents folded and written (or positions looked up) in one search session, so memory stays bounded. */
    static final int WRITE_CHUNK = 250;

    /**
     * Re-indexing that can wait (deferred incidents, a batch's due ones) is done in slices: chunks
     * from {@link #SLICE_CHUNK} documents up until a slice's time has passed
     * ({@code faultline.search.slice-millis}, default 25), the rest left pending for
     * the next slice after the rest. One burst re-indexing fifty incidents of thousands of entries
     * took a core for a few hundred milliseconds, during which appends queued on the other; the same
     * work in short slices takes the same share of the CPU without those stalls.
     */
    static final int SLICE_CHUNK = 2;

    private final SearchIndexes indexes;
    private final IncidentEventStream events;
    /** When each recently written incident was last written (nanoTime); bounded. */
    private final Map<String, Long> lastWritten = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).<String, Long>build().asMap();
    /** Slices take the incidents whose document is oldest first, so none waits behind busier ones. */
    private final Comparator<String> longestUnwrittenFirst = Comparator.comparing(
            lastWritten::get, Comparator.nullsFirst(Comparator.naturalOrder()));
    /**
     * The positions of the documents this projection wrote to the serving generation, so that
     * {@link #stale} asks the index only about incidents it has not written lately (a projection
     * of the stored {@code position} loads the whole stored document, which for an incident of
     * thousands of events costs more than the check saves). Reset when another generation serves.
     */
    private volatile Written written = new Written(null);
    /** Incidents whose write was deferred, with the earliest event waiting for it. */
    private final Map<String, Unwritten> pending = new ConcurrentHashMap<>();
    private final IncidentParking parked;
    private final WhyVectors whyVectors;
    /** nanoTime before which the projection rests (see {@link #REST_PER_WORK}); under the write lock. */
    private long restUntil = System.nanoTime();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-flusher");
        thread.setDaemon(true);
        return thread;
    });

    /** How long one slice of deferrable re-indexing may run (see {@link #SLICE_CHUNK}). */
    private final long sliceNanos;

    SearchProjection(SearchIndexes indexes, IncidentEventStream events, IncidentParking parked, WhyVectors whyVectors,
                     @ConfigProperty(name = "faultline.search.slice-millis", defaultValue = "25") long sliceMillis) {
        this.indexes = indexes;
        this.events = events;
        this.parked = parked;
        this.whyVectors = whyVectors;
        this.sliceNanos = TimeUnit.MILLISECONDS.toNanos(sliceMillis);
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush(false);
            } catch (RuntimeException e) {
                LOG.warn("Deferred search index writes failed; retrying", e);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @EventHandler
    void on(IncidentEvent event, EventMessage<?> message, TrackingToken token) {
        long position = token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
        Unwritten unwritten = new Unwritten(position, message);
        if (!CurrentUnitOfWork.isStarted()) {
            synchronized (indexes.writeLock()) {
                if (!parked.contains(event.incidentId())) {
                    park(write(stale(Map.of(event.incidentId(), position))), id -> unwritten);
                }
            }
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Touched> changed = root.getOrComputeResource(BATCH, key -> {
            Map<String, Touched> touched = new LinkedHashMap<>();
            root.onPrepareCommit(u -> writeOrDefer(touched));
            return touched;
        });
        changed.merge(event.incidentId(), new Touched(unwritten, position), Touched::and);
    }

    /** An incident's earliest event not yet in its document (what {@code minPosition} waits for, what is parked). */
    private record Unwritten(long position, EventMessage<?> event) {
        Unwritten earlier(Unwritten other) {
            return other.position < position ? other : this;
        }
    }

    /** An incident's events in one batch: the first, and the position of the last. */
    private record Touched(Unwritten first, long last) {
        Touched and(Touched other) {
            return new Touched(first.earlier(other.first), Math.max(last, other.last));
        }
    }

    /**
     * Writes the batch's stale incidents now, except those written less than
     * {@link #MIN_REINDEX_INTERVAL} ago: those are left to the flusher, which writes them when
     * their interval is over. An incident written every few milliseconds (thousands of events,
     * a steady stream of appends) is then re-folded a few times a second, not once per batch.
     */
    private void writeOrDefer(Map<String, Touched> batch) {
        Map<String, Long> latest = new LinkedHashMap<>();
        batch.forEach((id, touched) -> latest.put(id, touched.last()));
        Collection<String> stale = stale(latest);
        if (stale.isEmpty()) {
            return;
        }
        // under the write lock, so a flush never drops a deferral it did not write (see flush)
        synchronized (indexes.writeLock()) {
            // a parked incident waits for the operator: its retry writes these events too, in order
            stale.removeIf(parked::contains);
            Function<String, Unwritten> first = id -> batch.get(id).first();
            long now = System.nanoTime();
            boolean backlog = pending.size() >= MAX_PENDING;
            boolean resting = now < restUntil && !backlog;
            List<String> due = new ArrayList<>(stale.size());
            for (String id : stale) {
                Long last = lastWritten.get(id);
                if (!resting && (last == null || now - last >= MIN_REINDEX_INTERVAL.toNanos())) {
                    due.add(id);
                } else {
                    pending.merge(id, first.apply(id), Unwritten::earlier);
                }
            }
            due.sort(longestUnwrittenFirst);
            if (backlog) {
                park(write(due), first);
            } else {
                Outcome outcome = writeSlice(due);
                park(outcome, first);
                due.subList(outcome.attempted().size(), due.size())
                        .forEach(id -> pending.merge(id, first.apply(id), Unwritten::earlier));
            }
        }
    }

    /**
     * Parks the incidents whose document could not be written, with the earliest event it lacks.
     * In the processor's transaction when called from a batch: parked in the same commit as the token.
     */
    private void park(Outcome outcome, Function<String, Unwritten> firstUnwritten) {
        outcome.failed().forEach((id, cause) -> {
            LOG.warnf(cause, "Search document of %s cannot be written; parked", id);
            parked.park(id, firstUnwritten.apply(id).event(), cause);
        });
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
                Long last = lastWritten.get(id);
                if (all || last == null || now - last >= MIN_REINDEX_INTERVAL.toNanos()) {
                    due.add(id);
                }
            });
            due.sort(longestUnwrittenFirst);
            Outcome outcome = all ? write(due, WRITE_CHUNK, Long.MAX_VALUE) : writeSlice(due);
            // parked before they leave pending: should parking fail, the next flush tries them again
            park(outcome, pending::get);
            outcome.attempted().forEach(pending::remove);
        }
    }

    /**
     * True once every event up to {@code position} that this projection has read is in the
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
     * The position up to which every event this projection has {@code read} is in the serving index:
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
            return parked.retry(filter, id -> {
                RuntimeException failure = write(List.of(id)).failed().get(id);
                return Optional.ofNullable(failure);
            });
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

    /**
     * The incidents whose serving document does not yet include the batch's last event of theirs.
     * After a rebuild has swapped in a complete index, a processor that was far behind skips its
     * backlog this way instead of re-folding every incident again. Safe because one incident's
     * events commit in the order of their positions (each append needs the previous version), so
     * a document folded up to position p holds every event of that incident up to p.
     */
    public Collection<String> stale(Map<String, Long> latestPositions) {
        SearchIndexes.Generation serving = indexes.active();
        Written known = written(serving);
        List<String> stale = new ArrayList<>(latestPositions.size());
        Map<String, Long> unknown = new LinkedHashMap<>();
        latestPositions.forEach((id, position) -> {
            Long done = known.get(id);
            if (done == null) {
                unknown.put(id, position);
            } else if (done < position) {
                stale.add(id);
            }
        });
        if (unknown.isEmpty()) {
            return stale;
        }
        try (SearchSession session = serving.mapping().createSession()) {
            for (List<String> chunk : chunks(new ArrayList<>(unknown.keySet()))) {
                session.search(SearchDocument.class)
                        .select(f -> f.composite().from(f.id(String.class), f.field("position", Long.class)).as(Indexed::new))
                        .where(f -> f.id().matchingAny(chunk))
                        .fetchHits(chunk.size())
                        .forEach(indexed -> known.remember(indexed.id(), indexed.position()));
            }
        }
        unknown.forEach((id, position) -> {
            Long done = known.get(id);
            if (done == null || done < position) {
                stale.add(id);
            }
        });
        return stale;
    }

    private Written written(SearchIndexes.Generation serving) {
        Written known = written;
        if (known.generation != serving) {
            known = new Written(serving);
            written = known;
        }
        return known;
    }

    /** Positions of documents known to be in one generation (bounded, most recent kept). */
    private static final class Written {
        private final SearchIndexes.Generation generation;
        private final Map<String, Long> positions = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).<String, Long>build().asMap();

        Written(SearchIndexes.Generation generation) {
            this.generation = generation;
        }

        Long get(String id) {
            return positions.get(id);
        }

        /** Only after the document is committed; never moves a position back. */
        void remember(String id, Long position) {
            if (position != null) {
                positions.merge(id, position, Math::max);
            }
        }
    }

    /**
     * Re-folds the given incidents from the event store and writes their documents to the serving
     * index and, during a rebuild, to the one being built. Holds the write lock, so a document
     * folded earlier can never overwrite one folded later.
     */
    Outcome write(Collection<String> incidentIds) {
        return write(new ArrayList<>(incidentIds), WRITE_CHUNK, Long.MAX_VALUE);
    }

    /** Incidents a write went through (a prefix of those given), and among them those that failed, with why. */
    record Outcome(List<String> attempted, Map<String, RuntimeException> failed) {
    }

    /**
     * Writes the first of these incidents for one slice of work ({@code faultline.search.slice-millis};
     * at least one chunk) and returns the ids it wrote, a prefix. Chunks start at
     * {@link #SLICE_CHUNK} documents and double while a chunk takes under a quarter of the slice,
     * so small documents still go many to a session (each session ends with an index refresh).
     */
    private Outcome writeSlice(List<String> ids) {
        return write(ids, SLICE_CHUNK, sliceNanos);
    }

    /**
     * Writes these incidents in chunks from {@code firstChunk} documents (growing while cheap, up
     * to {@link #WRITE_CHUNK}) until {@code budgetNanos} have passed, then rests for
     * {@link #REST_PER_WORK} times the time spent; returns the ids attempted, a prefix of {@code ids},
     * and those of them that failed.
     */
    private Outcome write(List<String> ids, int firstChunk, long budgetNanos) {
        if (ids.isEmpty()) {
            return new Outcome(ids, Map.of());
        }
        synchronized (indexes.writeLock()) {
            long now = System.nanoTime();
            int done = 0;
            Map<String, RuntimeException> failed = new LinkedHashMap<>();
            try {
                for (int size = firstChunk; done < ids.size(); ) {
                    long chunkStart = System.nanoTime();
                    List<String> chunk = ids.subList(done, Math.min(ids.size(), done + size));
                    failed.putAll(writeIsolatingFailures(chunk, now));
                    done += chunk.size();
                    long end = System.nanoTime();
                    if (end - now >= budgetNanos) {
                        break;
                    }
                    if (end - chunkStart < budgetNanos / 4) {
                        size = Math.min(WRITE_CHUNK, size * 2);
                    }
                }
            } finally {
                long end = System.nanoTime();
                restUntil = end + REST_PER_WORK * (end - now);
            }
            return new Outcome(ids.subList(0, done), failed);
        }
    }

    /**
     * Writes these documents; when that fails, writes them one by one, so one incident that cannot
     * be folded or indexed (a poison event) fails alone. Returns those that failed, with why.
     */
    private Map<String, RuntimeException> writeIsolatingFailures(List<String> incidentIds, long now) {
        try {
            writeNow(incidentIds, now);
            return Map.of();
        } catch (RuntimeException failure) {
            if (dev.faultline.failure.DatabaseUnavailable.causes(failure)) {
                // the database is down or a connection was cut: nothing is wrong with these incidents,
                // so nothing is parked; the batch fails (its processor retries) or the flush tries again
                throw failure;
            }
            if (incidentIds.size() == 1) {
                return Map.of(incidentIds.get(0), failure);
            }
            Map<String, RuntimeException> failed = new LinkedHashMap<>();
            incidentIds.forEach(id -> failed.putAll(writeIsolatingFailures(List.of(id), now)));
            return failed;
        }
    }

    /** {@code ids} in consecutive pieces of at most {@link #WRITE_CHUNK}. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += WRITE_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + WRITE_CHUNK)));
        }
        return chunks;
    }

    private void writeNow(Collection<String> incidentIds, long now) {
        incidentIds.forEach(id -> lastWritten.put(id, now));
        List<SearchDocument> documents = documents(events, incidentIds, whyVectors);
        if (documents.isEmpty()) {
            return;
        }
        SearchIndexes.Generation serving = indexes.active();
        write(serving, documents);
        Written known = written(serving);
        documents.forEach(doc -> known.remember(doc.id, doc.position));
        indexes.changed();
        SearchIndexes.Generation building = indexes.building();
        if (building != null) {
            write(building, documents);
        }
    }

    /** The current documents of these incidents, folded from their event streams. */
    static List<SearchDocument> documents(IncidentEventStream events, Collection<String> incidentIds, WhyVectors whyVectors) {
        List<SearchDocument> documents = new ArrayList<>(incidentIds.size());
        for (String id : incidentIds) {
            events.read(id).flatMap(SearchDocuments::of).ifPresent(documents::add);
        }
        whyVectors.fill(documents);
        return documents;
    }

    /** Writes documents to one generation in one session, committed when the session closes. */
    static void write(SearchIndexes.Generation generation, List<SearchDocument> documents) {
        try (SearchSession session = generation.mapping().createSession()) {
            documents.forEach(session.indexingPlan()::addOrUpdate);
        }
    }

    /** An indexed document's incident and the event position it was written up to. */
    private record Indexed(String id, Long position) {
    }
}
