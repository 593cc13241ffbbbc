package dev.faultline.query.search;

import dev.faultline.api.event.IncidentEvent;
import dev.faultline.query.history.IncidentEventStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;

/**
 * Keeps the search index in step with the event store. Fed by the streaming processor
 * {@value #GROUP} (token in PostgreSQL): each event only notes which incident changed; when the
 * batch is about to commit, every changed incident is re-folded from its own events and written
 * in one search session, and the index is committed before the token is. Rewriting the whole
 * document from the event stream makes redelivery harmless: the same events give the same document.
 */
@ApplicationScoped
@ProcessingGroup(SearchProjection.GROUP)
public class SearchProjection {

    public static final String GROUP = "search";
    private static final String BATCH = SearchProjection.class.getName() + ".batch";

    private final SearchIndexes indexes;
    private final IncidentEventStream events;

    SearchProjection(SearchIndexes indexes, IncidentEventStream events) {
        this.indexes = indexes;
        this.events = events;
    }

    @EventHandler
    void on(IncidentEvent event, TrackingToken token) {
        long position = token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
        if (!CurrentUnitOfWork.isStarted()) {
            write(stale(Map.of(event.incidentId(), position)));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Long> changed = root.getOrComputeResource(BATCH, key -> {
            Map<String, Long> latest = new LinkedHashMap<>();
            root.onPrepareCommit(u -> write(stale(latest)));
            return latest;
        });
        changed.merge(event.incidentId(), position, Math::max);
    }

    /**
     * The incidents whose serving document does not yet include the batch's last event of theirs.
     * After a rebuild has swapped in a complete index, a processor that was far behind skips its
     * backlog this way instead of re-folding every incident again. Safe because one incident's
     * events commit in the order of their positions (each append needs the previous version), so
     * a document folded up to position p holds every event of that incident up to p.
     */
    public Collection<String> stale(Map<String, Long> latestPositions) {
        Map<String, Long> indexed = new java.util.HashMap<>();
        try (SearchSession session = indexes.active().mapping().createSession()) {
            session.search(SearchDocument.class)
                    .select(f -> f.composite().from(f.id(String.class), f.field("position", Long.class)).asList())
                    .where(f -> f.id().matchingAny(latestPositions.keySet()))
                    .fetchHits(latestPositions.size())
                    .forEach(row -> indexed.put((String) row.get(0), (Long) row.get(1)));
        }
        List<String> stale = new ArrayList<>(latestPositions.size());
        latestPositions.forEach((id, position) -> {
            Long done = indexed.get(id);
            if (done == null || done < position) {
                stale.add(id);
            }
        });
        return stale;
    }

    /**
     * Re-folds the given incidents from the event store and writes their documents to the serving
     * index and, during a rebuild, to the one being built. Holds the write lock, so a document
     * folded earlier can never overwrite one folded later.
     */
    void write(Collection<String> incidentIds) {
        synchronized (indexes.writeLock()) {
            List<SearchDocument> documents = documents(events, incidentIds);
            if (documents.isEmpty()) {
                return;
            }
            write(indexes.active(), documents);
            indexes.changed();
            SearchIndexes.Generation building = indexes.building();
            if (building != null) {
                write(building, documents);
            }
        }
    }

    /** The current documents of these incidents, folded from their event streams. */
    static List<SearchDocument> documents(IncidentEventStream events, Collection<String> incidentIds) {
        List<SearchDocument> documents = new ArrayList<>(incidentIds.size());
        for (String id : incidentIds) {
            events.read(id).flatMap(SearchDocuments::of).ifPresent(documents::add);
        }
        return documents;
    }

    /** Writes documents to one generation in one session, committed when the session closes. */
    static void write(SearchIndexes.Generation generation, List<SearchDocument> documents) {
        try (SearchSession session = generation.mapping().createSession()) {
            documents.forEach(session.indexingPlan()::addOrUpdate);
        }
    }
}
