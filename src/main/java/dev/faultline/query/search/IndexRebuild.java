package dev.faultline.query.search;

import dev.faultline.query.history.IncidentEventStream;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.jboss.logging.Logger;

/**
 * Builds a search index generation from the whole event store while the serving one keeps
 * answering, then swaps them. Order of work, and why it loses nothing:
 * <ol>
 *   <li>the new generation is registered as "building", so from now on the live projection writes
 *       every changed incident to it as well;</li>
 *   <li>the store's head position is noted and every incident's events are streamed (cursor,
 *       flat memory), decoded and folded on worker threads, and written to the new generation
 *       without per-document commits (one commit at the end);</li>
 *   <li>under the projection's write lock, incidents changed after that head are re-folded and
 *       written (catching up with anything the stream may have read before it changed), and the
 *       generations swap. Later changes reach the new generation through the live projection.</li>
 * </ol>
 * Also run at start when the index on disk is missing, unreadable or from another event store.
 */
@ApplicationScoped
public class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class);
    private static final int INCIDENTS_PER_CHUNK = 100;

    /** Progress of the current or last rebuild. */
    public record Progress(boolean running, String reason, long processed, long total, Instant startedAt,
                           Instant finishedAt, String error) {

        public double eventsPerSecond() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
            return processed / seconds;
        }

        /** Estimated time left, null when not running or not yet measurable. */
        public Duration eta() {
            double rate = eventsPerSecond();
            if (!running || rate <= 0) {
                return null;
            }
            return Duration.ofSeconds((long) Math.ceil(Math.max(total - processed, 0) / rate));
        }
    }

    private final SearchIndexes indexes;
    private final IncidentEventStream events;
    private final AgroalDataSource dataSource;
    private final WhyVectors whyVectors;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "search-rebuild"));
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private volatile String storeId;
    /** With an index shared by all nodes, one rebuilds at a time: a PostgreSQL advisory lock. */
    private final RebuildLock rebuilding;

    IndexRebuild(SearchIndexes indexes, IncidentEventStream events, AgroalDataSource dataSource, WhyVectors whyVectors) {
        this.rebuilding = new RebuildLock(dataSource);
        this.whyVectors = whyVectors;
        this.indexes = indexes;
        this.events = events;
        this.dataSource = dataSource;
    }

    /**
     * Opens the index beside the rest of the start-up (Hibernate Search takes most of a second to
     * boot; searches and the search projection wait for it), and rebuilds it in the background if
     * it is not usable.
     */
    void open(@Observes @Priority(50) StartupEvent event) {
        runner.submit(this::openIndex);
    }

    private void openIndex() {
        SearchIndexes.Opening opening;
        try {
            if (indexes.shared() && indexes.unusable(storeId()) != null) {
                // one node at a time decides and, if it must, rebuilds; the others then find it done.
                // A usable shared index opens without the lock: a node starting while another node
                // rebuilds serves the current generation at once
                rebuilding.lock();
            }
            opening = indexes.open(storeId());
        } catch (RuntimeException e) {
            rebuilding.unlock();
            LOG.error("Search index could not be opened; searches answer 503", e);
            return;
        }
        if (opening.rebuildReason() != null) {
            LOG.warnf("Search index will be rebuilt from the event store: %s", opening.rebuildReason());
            launch(opening.generation(), opening.rebuildReason());
        } else {
            rebuilding.unlock();
            LOG.infof("Search index generation %s opened", opening.generation().name());
        }
    }

    /**
     * Starts a rebuild beside the serving index; false if one is already running (with a shared
     * index: on any node).
     */
    public synchronized boolean start(String reason) {
        Progress current = progress.get();
        if (current != null && current.running()) {
            return false;
        }
        if (indexes.shared() && !rebuilding.tryLock()) {
            return false;
        }
        try {
            launch(indexes.create(storeId()), reason);
        } catch (RuntimeException e) {
            rebuilding.unlock();
            throw e;
        }
        return true;
    }

    public Progress progress() {
        return progress.get();
    }

    private synchronized void launch(SearchIndexes.Generation target, String reason) {
        progress.set(new Progress(true, reason, 0, 0, Instant.now(), null, null));
        runner.submit(() -> run(target, reason));
    }

    private void run(SearchIndexes.Generation target, String reason) {
        Instant started = Instant.now();
        AtomicLong processed = new AtomicLong();
        try {
            indexes.startBuilding(target);
            if (indexes.shared()) {
                // the node running the search processor writes live changes to the new generation
                // too once it has seen it (SearchIndexes#follow): only then is the head noted
                Thread.sleep(TimeUnit.SECONDS.toMillis(2L * SearchIndexes.FOLLOW_SECONDS));
            }
            long head = events.head();
            long total = events.count();
            progress.set(new Progress(true, reason, 0, total, started, null, null));
            bulk(target, processed, () -> progress.set(new Progress(true, reason, processed.get(), total, started, null, null)));
            synchronized (indexes.writeLock()) {
                List<SearchDocument> changed = SearchWriter.documents(events, events.incidentsChangedAfter(head), whyVectors);
                if (!changed.isEmpty()) {
                    SearchWriter.write(target, changed);
                }
                indexes.complete(target, storeId());
            }
            Progress done = new Progress(false, reason, processed.get(), Math.max(total, processed.get()), started,
                    Instant.now(), null);
            progress.set(done);
            LOG.infof("Search index rebuilt into %s: %,d events in %s (%,.0f events/s)", target.name(),
                    done.processed(), Duration.between(started, done.finishedAt()), done.eventsPerSecond());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Search index rebuild failed; the previous index keeps serving");
            Progress failed = progress.get();
            progress.set(new Progress(false, reason, processed.get(), failed == null ? 0 : failed.total(), started,
                    Instant.now(), String.valueOf(e.getMessage())));
            indexes.abandon(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.set(new Progress(false, reason, processed.get(), 0, started, Instant.now(), "interrupted"));
            indexes.abandon(target);
        } finally {
            rebuilding.unlock();
        }
    }

    /** Streams every incident from the store, folds and writes them on worker threads. */
    private void bulk(SearchIndexes.Generation target, AtomicLong processed, Runnable report) {
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(workers), r -> new Thread(r, "search-rebuild-worker"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        List<IncidentEventStream.RawStream> chunk = new ArrayList<>(INCIDENTS_PER_CHUNK);
        List<Runnable> pending = new ArrayList<>(1);
        try {
            events.forEachIncident(raw -> {
                chunk.add(raw);
                if (chunk.size() == INCIDENTS_PER_CHUNK) {
                    List<IncidentEventStream.RawStream> work = List.copyOf(chunk);
                    chunk.clear();
                    pool.execute(() -> index(target, work, processed, report));
                }
            });
            if (!chunk.isEmpty()) {
                List<IncidentEventStream.RawStream> work = List.copyOf(chunk);
                pool.execute(() -> index(target, work, processed, report));
            }
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    throw new IllegalStateException("search rebuild workers did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search rebuild interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("search rebuild failed", failure.getAndSet(null));
        }
        try (SearchSession session = target.mapping().createSession()) {
            // one segment, as a mass indexer would leave it: every query then seeks each of its
            // terms in one term dictionary instead of one per segment (docs/decisions.md)
            session.workspace().mergeSegments();
            session.workspace().flush();
            session.workspace().refresh();
        }
        report.run();
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private void index(SearchIndexes.Generation target, List<IncidentEventStream.RawStream> work,
                       AtomicLong processed, Runnable report) {
        if (failure.get() != null) {
            return;
        }
        try (SearchSession session = target.mapping().createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async()).build()) {
            List<SearchDocument> documents = new ArrayList<>(work.size());
            long count = 0;
            for (IncidentEventStream.RawStream raw : work) {
                SearchDocuments.of(events.decode(raw)).ifPresent(documents::add);
                count += raw.size();
            }
            whyVectors.fill(documents);
            List<CompletableFuture<?>> writes = new ArrayList<>(documents.size());
            documents.forEach(doc -> writes.add(session.indexer().addOrUpdate(doc).toCompletableFuture()));
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            processed.addAndGet(count);
            report.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /** The identity of this event store (table faultline_store), recorded with each complete index. */
    String storeId() {
        String id = storeId;
        if (id == null) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT id::text FROM faultline_store LIMIT 1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("table faultline_store is empty");
                }
                id = rs.getString(1);
                storeId = id;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store's identity", e);
            }
        }
        return id;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
