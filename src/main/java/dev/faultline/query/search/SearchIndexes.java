package dev.faultline.query.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.jboss.logging.Logger;

/**
 * The search index generations: the complete one that answers searches, and the one a rebuild
 * fills beside it before they are {@link #complete swapped}, so searches never stop. Where the
 * generations live is the {@link GenerationStore}'s business: directories on this node's disk
 * (Lucene), or OpenSearch indexes behind aliases, shared by all nodes. With a shared store each
 * node follows the aliases once a second ({@link #FOLLOW_SECONDS}): another node's rebuild is
 * written to here too while it runs, and served here once it is swapped in.
 */
@ApplicationScoped
public class SearchIndexes {

    private static final Logger LOG = Logger.getLogger(SearchIndexes.class);
    static final String INDEX_NAME = "incidents";
    /** How often a node sharing the index looks which generations serve and build. */
    static final int FOLLOW_SECONDS = 1;

    /**
     * One index generation: its name, directory (Lucene only), Hibernate Search mapping, and how much
     * its engine's BM25 scores exceed Lucene's ({@link GenerationStore#bm25Factor}).
     */
    public record Generation(String name, Path directory, CloseableSearchMapping mapping, float bm25Factor) {

        public Generation(String name, Path directory, CloseableSearchMapping mapping) {
            this(name, directory, mapping, 1f);
        }
    }

    /** What was found at start: the generation to serve, and why it must be rebuilt, if it must. */
    public record Opening(Generation generation, String rebuildReason) {
    }

    private final GenerationStore store;
    /**
     * Replaced generations still open for the searches on them, and whether this node deletes them once
     * closed. A set, not a map by name: a generation can be opened, and retired, more than once.
     */
    private final Set<Retiring> retiring = ConcurrentHashMap.newKeySet();

    private record Retiring(Generation generation, boolean delete) {
    }

    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-index-retirer");
        thread.setDaemon(true);
        return thread;
    });
    private final Object writeLock = new Object();
    private volatile Generation active;
    private volatile Generation building;
    /** True while this node builds {@link #building} (not another node, which it only follows). */
    private volatile boolean buildingHere;
    private final AtomicLong version = new AtomicLong();
    /**
     * Counts this node's own changes to the shared aliases (a swap, an abandoned build), so that
     * {@link #follow} can tell that what it read before one of them is stale.
     */
    private final AtomicLong ownChanges = new AtomicLong();
    /** Released once {@link #open} has chosen the serving generation (it runs beside the app's start). */
    private final CountDownLatch opened = new CountDownLatch(1);

    /** How long a search or the projection waits for the index to open before giving up. */
    static final int OPEN_WAIT_SECONDS = 30;

    @Inject
    SearchIndexes(SearchBackend backend) {
        this(backend.store());
    }

    /** Lucene generations under this directory. */
    public SearchIndexes(Path root) {
        this(new DiskGenerations(root.toAbsolutePath()));
    }

    SearchIndexes(GenerationStore store) {
        this.store = store;
        if (store.shared()) {
            retirer.scheduleWithFixedDelay(this::follow, FOLLOW_SECONDS, FOLLOW_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** True when every node shares these generations (OpenSearch). */
    public boolean shared() {
        return store.shared();
    }

    /**
     * Opens the serving generation if it is usable and was built from {@code storeId}; otherwise
     * starts an empty generation and says why it needs a rebuild.
     */
    public synchronized Opening open(String storeId) {
        GenerationStore.Recorded current = store.serving();
        String reason = unusable(current, storeId);
        Generation generation = start(reason == null ? current.name() : store.newName(storeId));
        active = generation;
        opened.countDown();
        return new Opening(generation, reason);
    }

    /** Null when the serving generation can serve this event store as it is; otherwise why not. Changes nothing. */
    public String unusable(String storeId) {
        return unusable(store.serving(), storeId);
    }

    private String unusable(GenerationStore.Recorded current, String storeId) {
        String reason;
        if (current == null) {
            reason = "no search index" + (store.shared() ? " in OpenSearch" : " under " + store.directory(""));
        } else if (!storeId.equals(current.store())) {
            reason = "the search index was built from another event store";
        } else if (!SearchDocument.SCHEMA.equals(current.schema())) {
            reason = "the search index has schema " + current.schema() + ", this version needs " + SearchDocument.SCHEMA;
        } else {
            reason = store.unusable(current.name());
        }
        return reason;
    }

    /** A new, empty generation beside the serving one. */
    public Generation create(String storeId) {
        return start(store.newName(storeId));
    }

    /**
     * The generation that answers searches; in the first moments after start, waits for it to open.
     * @throws NotOpen if it is not open within {@link #OPEN_WAIT_SECONDS}
     */
    public Generation active() {
        Generation generation = active;
        if (generation != null) {
            return generation;
        }
        try {
            opened.await(OPEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        generation = active;
        if (generation == null) {
            throw new NotOpen();
        }
        return generation;
    }

    /** The search index is not open (still opening, or shut down). */
    public static final class NotOpen extends IllegalStateException {
        public NotOpen() {
            super("the search index is not open yet");
        }
    }

    /** The generation being rebuilt (here, or on another node sharing the index), which live updates also go to; null when none. */
    public Generation building() {
        return building;
    }

    /** This node starts filling {@code generation}; with a shared store every node is told, and writes to it too. */
    public void startBuilding(Generation generation) {
        synchronized (writeLock) {
            building = generation == active ? null : generation;
            buildingHere = building != null;
        }
        if (store.shared()) {
            store.building(generation.name());
        }
    }

    /** Counts changes to the serving index, so what is cached about its contents can tell when it is stale. */
    public long version() {
        return version.get();
    }

    /** Called after documents were written to the serving index. */
    public void changed() {
        version.incrementAndGet();
    }

    /** Held by whoever writes documents, so a fold-then-write is never overtaken by an older one. */
    public Object writeLock() {
        return writeLock;
    }

    /**
     * Records {@code generation} as complete for {@code storeId} and makes it the serving one; the
     * previous generation is closed and deleted once retired. Call with the write lock held.
     */
    public void complete(Generation generation, String storeId) {
        store.publish(generation.name(), storeId);
        ownChanges.incrementAndGet(); // after the publish: a follow() that read the aliases before it must not act on them
        Generation previous = active;
        active = generation;
        building = null;
        buildingHere = false;
        changed();
        if (previous != null && previous != generation) {
            retire(previous, true);
        }
        Set<String> keep = new HashSet<>();
        retiring.forEach(r -> keep.add(r.generation().name()));
        keep.add(generation.name());
        store.deleteAllBut(keep);
    }

    /** Searches that started on a replaced generation may still run: it is closed (and deleted) later. */
    private void retire(Generation generation, boolean delete) {
        Retiring old = new Retiring(generation, delete);
        retiring.add(old);
        retirer.schedule(() -> closeRetired(old), store.retireAfterSeconds(), TimeUnit.SECONDS);
    }

    /** Closes, and deletes if this node replaced it, a retired generation; a failure is logged (the next swap deletes what is left). */
    private void closeRetired(Retiring old) {
        if (!retiring.remove(old)) {
            return;
        }
        String name = old.generation().name();
        try {
            old.generation().mapping().close();
        } catch (RuntimeException e) {
            LOG.warnf("Could not close the retired search index generation %s: %s", name, e.getMessage());
        }
        if (old.delete()) {
            try {
                store.delete(name);
                LOG.infof("Deleted the retired search index generation %s", name);
            } catch (RuntimeException e) {
                LOG.warnf("Could not delete the retired search index generation %s (the next rebuild deletes it): %s",
                        name, e.getMessage());
            }
        }
    }

    /** Gives up a generation that was being built (a failed rebuild). */
    public void abandon(Generation generation) {
        synchronized (writeLock) {
            if (building == generation) {
                building = null;
                buildingHere = false;
            }
        }
        if (generation != active) {
            generation.mapping().close();
            store.delete(generation.name());
            ownChanges.incrementAndGet(); // a follow() that read the building alias before must not reopen (recreate) it
        }
    }

    /**
     * Shared store: serves the generation the alias names, and writes to the one another node
     * builds, as soon as they change. A failure (the cluster unreachable) is logged and tried again.
     */
    void follow() {
        if (opened.getCount() > 0) {
            return;
        }
        try {
            long seen = ownChanges.get();
            GenerationStore.Recorded serving = store.serving();
            String built = store.building();
            synchronized (writeLock) {
                Generation current = active;
                if (current == null || ownChanges.get() != seen) {
                    return; // shut down, or this node changed the aliases (a swap, an abandon) since they were read
                }
                if (serving != null && !serving.name().equals(current.name())) {
                    Generation next = building != null && building.name().equals(serving.name()) ? building
                            : start(serving.name());
                    LOG.infof("Search index generation %s serves now (swapped in by another node)", next.name());
                    active = next;
                    if (building == next) {
                        building = null;
                    }
                    changed();
                    retire(current, false);
                }
                if (!buildingHere) {
                    Generation following = building;
                    if (built != null && (following == null || !following.name().equals(built))
                            && !built.equals(active.name())) {
                        LOG.infof("Search index generation %s is being built by another node; writing to it too", built);
                        building = start(built);
                        if (following != null) {
                            retire(following, false);
                        }
                    } else if (built == null && following != null) {
                        building = null;
                        retire(following, false);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not follow the shared search index generations: %s", e.getMessage());
        }
    }

    /** Closes the open generations (at shutdown). */
    @PreDestroy
    public synchronized void closeAll() {
        retirer.shutdownNow();
        List.copyOf(retiring).forEach(this::closeRetired);
        Generation b = building;
        if (b != null) {
            b.mapping().close();
        }
        Generation a = active;
        if (a != null) {
            a.mapping().close(); // commits pending changes
            store.closed(a.name());
        }
        building = null;
        active = null;
    }

    private Generation start(String name) {
        return new Generation(name, store.directory(name), store.open(name), store.bm25Factor());
    }
}
