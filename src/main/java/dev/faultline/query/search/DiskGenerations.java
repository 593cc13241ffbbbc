package dev.faultline.query.search;

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
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.jboss.logging.Logger;

/**
 * Lucene index generations on this node's disk, under {@code faultline.search.index-dir}: each
 * in its own directory; the file {@code CURRENT} names the one that is complete and serving, and
 * the event store it was built from. A generation closed at a clean shutdown holds a {@code CLEAN}
 * marker; without it (a crash: the last second of changes may not be committed) it is rebuilt.
 */
final class DiskGenerations implements GenerationStore {

    private static final Logger LOG = Logger.getLogger(DiskGenerations.class);
    private static final String CURRENT = "CURRENT";
    /** Present in a generation's directory only while it is closed after a clean shutdown. */
    private static final String CLEAN = "CLEAN";

    private final Path root;

    DiskGenerations(Path root) {
        this.root = root;
    }

    @Override
    public Recorded serving() {
        Properties current = readCurrent();
        String name = current.getProperty("generation");
        return name == null ? null : new Recorded(name, current.getProperty("store"), current.getProperty("schema", "1"));
    }

    @Override
    public String newName(String storeId) {
        return "g-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    @Override
    public String unusable(String name) {
        if (!Files.exists(root.resolve(name).resolve(CLEAN))) {
            return "the previous run did not shut down cleanly (its last second of index changes may be missing)";
        }
        return unreadable(root.resolve(name));
    }

    @Override
    public Path directory(String name) {
        return root.resolve(name);
    }

    @Override
    public CloseableSearchMapping open(String name) {
        Path directory = root.resolve(name);
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(directory.resolve(CLEAN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index directory " + directory, e);
        }
        return SearchMapping.builder(AnnotatedTypeSource.fromClasses(SearchDocument.class), MethodHandles.lookup())
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
    }

    @Override
    public void publish(String name, String storeId) {
        Properties properties = new Properties();
        properties.setProperty("generation", name);
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

    @Override
    public void closed(String name) {
        try {
            Files.writeString(root.resolve(name).resolve(CLEAN), Instant.now().toString());
        } catch (IOException e) {
            LOG.warnf("cannot mark the search index as cleanly closed: %s", e.getMessage());
        }
    }

    @Override
    public void delete(String name) {
        deleteDirectory(root.resolve(name));
    }

    /**
     * Deletes generations no one serves, builds or still reads: e.g. the one a start-up found
     * unusable (another schema, an unclean stop) and rebuilt beside.
     */
    @Override
    public void deleteAllBut(Set<String> keep) {
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().startsWith("g-"))
                    .filter(dir -> !keep.contains(dir.getFileName().toString()))
                    .forEach(dir -> {
                        LOG.infof("Deleting abandoned search index generation %s", dir.getFileName());
                        deleteDirectory(dir);
                    });
        } catch (IOException e) {
            LOG.warnf(e, "Could not list %s to delete abandoned index generations", root);
        }
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public int retireAfterSeconds() {
        return 5;
    }

    /** Null when the generation's Lucene index opens; otherwise what is wrong with it. */
    private static String unreadable(Path generation) {
        Path index = generation.resolve(SearchIndexes.INDEX_NAME);
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

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete old search index %s: %s", directory, e.getMessage());
        }
    }
}
