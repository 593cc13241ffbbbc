package dev.faultline.importer;

import dev.faultline.api.command.Recording;
import dev.faultline.importer.DocumentReader.Format;
import dev.faultline.query.history.IncidentEventStream;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first start (an empty event store), imports the real incidents bundled in the jar from
 * {@code seed-incidents/}, in the order of its {@code index.txt}. Off with
 * {@code faultline.seed.enabled=false}. The events say {@code via: seed}.
 */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    static final String FOLDER = "seed-incidents/";

    private final DocumentImporter importer;
    private final IncidentEventStream events;
    private final boolean enabled;

    SeedLoader(DocumentImporter importer, IncidentEventStream events,
               @ConfigProperty(name = "faultline.seed.enabled", defaultValue = "true") boolean enabled) {
        this.importer = importer;
        this.events = events;
        this.enabled = enabled;
    }

    /** After Axon has started (priority 100). */
    void onStart(@Observes @Priority(200) StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (!events.storeIsEmpty()) {
            LOG.debug("event store not empty: seed incidents not imported");
            return;
        }
        Map<ImportOutcome.Result, Integer> counts = new EnumMap<>(ImportOutcome.Result.class);
        for (String file : bundledFiles()) {
            try (InputStream in = resource(FOLDER + file)) {
                DocumentReader.read(in, Format.YAML, read -> {
                    ImportOutcome outcome = read.document() == null
                            ? ImportOutcome.failed(read.index(), read.id(), read.problems())
                            : importer.importDocument(read.index(), read.document(), Recording.SYSTEM, "seed", "seed-" + file);
                    counts.merge(outcome.result(), 1, Integer::sum);
                    if (outcome.result() == ImportOutcome.Result.failed) {
                        LOG.errorf("seed %s not imported: %s", file, outcome.errors());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DocumentReader.MalformedInput e) {
                LOG.errorf("seed %s is not valid YAML: %s", file, e.getMessage());
            }
        }
        LOG.infof("first start: imported the bundled seed incidents %s", counts);
    }

    /** The file names listed in {@code seed-incidents/index.txt}, in order. */
    static List<String> bundledFiles() {
        List<String> files = new ArrayList<>();
        try (InputStream in = resource(FOLDER + "index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
