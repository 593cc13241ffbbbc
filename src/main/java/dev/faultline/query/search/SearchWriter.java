package dev.faultline.query.search;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faultline.failure.DatabaseUnavailable;
import dev.faultline.query.history.IncidentEventStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * Writes incidents' search documents: each is re-folded from its own events and written, in one
 * session per chunk, to the serving index and, during a rebuild, to the one being built. Also
 * answers which incidents' documents are behind a given position ({@link #stale}). Knows nothing
 * of when to write: that is {@link ReindexScheduler}'s job. Callers hold the index's write lock, so
 * a document folded earlier never overwrites one folded later.
 */
@ApplicationScoped
public class SearchWriter {

    /** Most documents folded and written (or positions looked up) in one search session, so memory stays bounded. */
    static final int WRITE_CHUNK = 250;

    private final SearchIndexes indexes;
    private final IncidentEventStream events;
    private final WhyVectors whyVectors;
    /**
     * The positions of the documents written to the serving generation, so that {@link #stale}
     * asks the index only about incidents not written lately (a projection of the stored
     * {@code position} loads the whole stored document, which for an incident of thousands of
     * events costs more than the check saves). Reset when another generation serves.
     */
    private volatile Written written = new Written(null);

    SearchWriter(SearchIndexes indexes, IncidentEventStream events, WhyVectors whyVectors) {
        this.indexes = indexes;
        this.events = events;
        this.whyVectors = whyVectors;
    }

    /** Incidents a write went through (a prefix of those given), and among them those that failed, with why. */
    record Outcome(List<String> attempted, Map<String, RuntimeException> failed) {
    }

    /**
     * The incidents whose serving document does not yet include the given position of theirs.
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

    /** Writes all these incidents, {@link #WRITE_CHUNK} to a session. */
    Outcome write(Collection<String> incidentIds) {
        return write(new ArrayList<>(incidentIds), WRITE_CHUNK, Long.MAX_VALUE);
    }

    /**
     * Writes these incidents in chunks from {@code firstChunk} documents (doubling while a chunk
     * takes under a quarter of the budget, up to {@link #WRITE_CHUNK}) until {@code budgetNanos}
     * have passed (at least one chunk); returns the ids attempted, a prefix of {@code ids}, and
     * those of them that failed.
     */
    Outcome write(List<String> ids, int firstChunk, long budgetNanos) {
        if (ids.isEmpty()) {
            return new Outcome(ids, Map.of());
        }
        synchronized (indexes.writeLock()) {
            long start = System.nanoTime();
            int done = 0;
            Map<String, RuntimeException> failed = new LinkedHashMap<>();
            for (int size = firstChunk; done < ids.size(); ) {
                long chunkStart = System.nanoTime();
                List<String> chunk = ids.subList(done, Math.min(ids.size(), done + size));
                failed.putAll(writeIsolatingFailures(chunk));
                done += chunk.size();
                long end = System.nanoTime();
                if (end - start >= budgetNanos) {
                    break;
                }
                if (end - chunkStart < budgetNanos / 4) {
                    size = Math.min(WRITE_CHUNK, size * 2);
                }
            }
            return new Outcome(ids.subList(0, done), failed);
        }
    }

    /**
     * Writes these documents; when that fails, writes them one by one, so one incident that cannot
     * be folded or indexed (a poison event) fails alone. Returns those that failed, with why.
     */
    private Map<String, RuntimeException> writeIsolatingFailures(List<String> incidentIds) {
        try {
            writeNow(incidentIds);
            return Map.of();
        } catch (RuntimeException failure) {
            if (DatabaseUnavailable.causes(failure)) {
                // the database is down or a connection was cut: nothing is wrong with these incidents,
                // so nothing fails alone; the batch fails (its processor retries) or the flush tries again
                throw failure;
            }
            if (incidentIds.size() == 1) {
                return Map.of(incidentIds.get(0), failure);
            }
            Map<String, RuntimeException> failed = new LinkedHashMap<>();
            incidentIds.forEach(id -> failed.putAll(writeIsolatingFailures(List.of(id))));
            return failed;
        }
    }

    private void writeNow(Collection<String> incidentIds) {
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

    /** {@code ids} in consecutive pieces of at most {@link #WRITE_CHUNK}. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += WRITE_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + WRITE_CHUNK)));
        }
        return chunks;
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

    /** An indexed document's incident and the event position it was written up to. */
    private record Indexed(String id, Long position) {
    }
}
