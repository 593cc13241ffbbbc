package dev.faultline.query.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.jboss.logging.Logger;

/**
 * The search index generations on disk under {@code faultline.search.index-dir}. Each generation
 * is a complete Hibernate Search (Lucene) index in its own directory; the file {@code CURRENT}
 * names the one that is complete and serving, and the event store it was built from. A rebuild
 * fills a new generation beside the serving one, then {@link #swap}s them, so searches never stop.
 */
@ApplicationScoped
public class SearchIndexes {

    private static final Logger LOG = Logger.getLogger(SearchIndexes.class);
    private static final String CURRENT = "CURRENT";
    /** Present in a generation's directory only while it is closed after a clean shutdown. */
    private static final String CLEAN = "CLEAN";
    static final String INDEX_NAME = "incidents";

    /** One index generation: its name, directory and Hibernate Search mapping. */
    public record Generation(String name, Path directory, CloseableSearchMapping mapping) {
    }

    /** What was found on disk at start: the generation to serve, and why it must be rebuilt, if it must. */
    public record Opening(Generation generation, String rebuildReason) {
    }

    /** Seconds a replaced generation stays open for the searches that started on it. */
    static final int RETIRE_AFTER_SECONDS = 5;

    private final Path root;
    private final java.util.Map<String, Generation> retiring = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService retirer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "search-index-retirer");
                thread.setDaemon(true);
                return thread;
            });
    private final Object writeLock = new Object();
    private volatile Generation active;
    private volatile Generation building;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    /** Released once {@link #open} has chosen the serving generation (it runs beside the app's start). */
    private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

    /** How long a search or the projection waits for the index to open before giving up. */
    static final int OPEN_WAIT_SECONDS = 30;

    public SearchIndexes(@ConfigProperty(name = "faultline.search.index-dir") Path root) {
        this.root = root.toAbsolutePath();
    }

    /**
     * Opens the generation {@code CURRENT} names if it is complete, readable and was built from
     * {@code storeId}; otherwise starts an empty generation and says why it needs a rebuild.
     */
    public synchronized Opening open(String storeId) {
        String reason = null;
        Properties current = readCurrent();
        String name = current.getProperty("generation");
        if (name == null) {
            reason = "no search index under " + root;
        } else if (!storeId.equals(current.getProperty("store"))) {
            reason = "the search index was built from another event store";
        } else if (!SearchDocument.SCHEMA.equals(current.getProperty("schema"))) {
            reason = "the search index has schema " + current.getProperty("schema", "1") + ", this version needs "
                    + SearchDocument.SCHEMA;
        } else if (!Files.exists(root.resolve(name).resolve(CLEAN))) {
            reason = "the previous run did not shut down cleanly (its last second of index changes may be missing)";
        } else {
            reason = unreadable(root.resolve(name));
        }
        Generation generation;
        if (reason == null) {
            generation = start(name);
        } else {
            generation = start(newName());
        }
        active = generation;
        opened.countDown();
        return new Opening(generation, reason);
    }

    /** A new, empty generation beside the serving one. */
    public Generation create() {
        return start(newName());
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

    /** The generation being rebuilt, which live updates also go to; null when none. */
    public Generation building() {
        return building;
    }

    public void startBuilding(Generation generation) {
        building = generation == active ? null : generation;
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
     * previous generation is closed and deleted. Call with the write lock held.
     */
    public void complete(Generation generation, String storeId) {
        writeCurrent(generation.name(), storeId);
        Generation previous = active;
        active = generation;
        building = null;
        changed();
        if (previous != null && previous != generation) {
            // searches that started on the old generation may still be running: close it later
            retiring.put(previous.name(), previous);
            retirer.schedule(() -> retire(previous), RETIRE_AFTER_SECONDS, TimeUnit.SECONDS);
        }
        deleteAbandoned(generation);
    }

    private void retire(Generation generation) {
        if (retiring.remove(generation.name()) != null) {
            generation.mapping().close();
            delete(generation.directory());
        }
    }

    /** Gives up a generation that was being built (a failed rebuild). */
    public void abandon(Generation generation) {
        if (building == generation) {
            building = null;
        }
        if (generation != active) {
            generation.mapping().close();
            delete(generation.directory());
        }
    }

    /** Closes the open generations (at shutdown). */
    @PreDestroy
    public synchronized void closeAll() {
        List.copyOf(retiring.values()).forEach(this::retire);
        Generation b = building;
        if (b != null) {
            b.mapping().close();
        }
        Generation a = active;
        if (a != null) {
            a.mapping().close(); // commits pending changes
            try {
                Files.writeString(a.directory().resolve(CLEAN), Instant.now().toString());
            } catch (IOException e) {
                LOG.warnf("cannot mark the search index as cleanly closed: %s", e.getMessage());
            }
        }
        building = null;
        active = null;
    }

    private Generation start(String name) {
        Path directory = root.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(directory.resolve(CLEAN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index directory " + directory, e);
        }
        CloseableSearchMapping mapping = SearchMapping.builder(
                        AnnotatedTypeSource.fromClasses(SearchDocument.class), MethodHandles.lookup())
                // named, not inferred: with a second backend on the class path Hibernate Search refuses to guess
                .property("hibernate.search.backend.type", "lucene")
                .property("hibernate.search.backend.directory.root", directory.toString())
                .property("hibernate.search.backend.analysis.configurer", BeanReference.ofInstance(new SearchAnalysis()))
                .property("hibernate.search.backend.lucene_version", "LATEST")
                // SearchDocument is the only mapped type: no Jandex scan of the application jar at
                // boot (it cost ~0.15 s of the start-up's main-thread CPU)
                .property("hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false")
                .property("hibernate.search.mapping.discover_annotated_types_from_root_mapping_annotations", "false")
                .property("hibernate.search.backend.io.commit_interval", "1000")
                .property("hibernate.search.backend.io.refresh_interval", "0")
                .property("hibernate.search.schema_management.strategy", "create-or-validate")
                // searchable as soon as a batch is written; committed to disk every second, and an
                // unclean shutdown (no CLEAN marker) means a rebuild at the next start
                .property("hibernate.search.indexing.plan.synchronization.strategy", "read-sync")
                .build();
        return new Generation(name, directory, mapping);
    }

    /** Null when the generation's Lucene index opens; otherwise what is wrong with it. */
    private static String unreadable(Path generation) {
        Path index = generation.resolve(INDEX_NAME);
        if (!Files.isDirectory(index)) {
            return "the search index directory " + index + " is missing";
        }
        try (FSDirectory directory = FSDirectory.open(index)) {
            if (!DirectoryReader.indexExists(directory)) {
                return "the search index in " + index + " is empty";
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                reader.numDocs();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the search index in " + index + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")";
        }
    }

    private Properties readCurrent() {
        Properties properties = new Properties();
        Path file = root.resolve(CURRENT);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("ignoring unreadable %s: %s", file, e.getMessage());
                properties.clear();
            }
        }
        return properties;
    }

    private void writeCurrent(String generation, String storeId) {
        Properties properties = new Properties();
        properties.setProperty("generation", generation);
        properties.setProperty("store", storeId);
        properties.setProperty("schema", SearchDocument.SCHEMA);
        properties.setProperty("completedAt", Instant.now().toString());
        try {
            Files.createDirectories(root);
            Path tmp = root.resolve(CURRENT + ".tmp");
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(writer, "the search index generation that is complete and serving");
            }
            Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the search index generation", e);
        }
    }

    private static String newName() {
        return "g-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    /**
     * Deletes generations no one serves, builds or still reads: e.g. the one a start-up found
     * unusable (another schema, an unclean stop) and rebuilt beside.
     */
    private void deleteAbandoned(Generation serving) {
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().startsWith("g-"))
                    .filter(dir -> !dir.getFileName().toString().equals(serving.name()))
                    .filter(dir -> !retiring.containsKey(dir.getFileName().toString()))
                    .forEach(dir -> {
                        LOG.infof("Deleting abandoned search index generation %s", dir.getFileName());
                        delete(dir);
                    });
        } catch (IOException e) {
            LOG.warnf(e, "Could not list %s to delete abandoned index generations", root);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete old search index %s: %s", directory, e.getMessage());
        }
    }
}
