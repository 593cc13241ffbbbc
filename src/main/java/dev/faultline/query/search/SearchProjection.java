package dev.faultline.query.search;

import dev.faultline.api.event.IncidentEvent;
import dev.faultline.query.search.ReindexScheduler.Touched;
import dev.faultline.query.search.ReindexScheduler.Unwritten;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps the search index in step with the event store. Fed by the streaming processor
 * {@value #GROUP} (token in PostgreSQL): each event only notes which incident changed; when the
 * batch is about to commit, the {@link ReindexScheduler} writes (or defers) every changed incident
 * whose document does not hold the batch's events yet, and the index is committed before the token
 * is. Each document is re-folded whole from the incident's events ({@link SearchWriter}), which
 * makes redelivery harmless: the same events give the same document.
 */
@ApplicationScoped
@ProcessingGroup(SearchProjection.GROUP)
public class SearchProjection {

    public static final String GROUP = "search";
    private static final String BATCH = SearchProjection.class.getName() + ".batch";

    private final ReindexScheduler scheduler;

    SearchProjection(ReindexScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @EventHandler
    void on(IncidentEvent event, EventMessage<?> message, TrackingToken token) {
        long position = token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
        Unwritten unwritten = new Unwritten(position, message);
        if (!CurrentUnitOfWork.isStarted()) {
            scheduler.writeNow(event.incidentId(), unwritten);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Touched> changed = root.getOrComputeResource(BATCH, key -> {
            Map<String, Touched> touched = new LinkedHashMap<>();
            root.onPrepareCommit(u -> scheduler.writeOrDefer(touched));
            return touched;
        });
        changed.merge(event.incidentId(), new Touched(unwritten, position), Touched::and);
    }
}
