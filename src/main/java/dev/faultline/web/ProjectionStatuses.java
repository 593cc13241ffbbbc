package dev.faultline.web;

import dev.faultline.api.query.ParkedEvent;
import dev.faultline.api.query.ProjectionStatus;
import dev.faultline.api.query.ProjectionStatus.State;
import dev.faultline.query.Projections;
import dev.faultline.query.history.IncidentEventStream;
import dev.faultline.query.search.IndexRebuild;
import dev.faultline.query.search.SearchProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The status of each projection, as operations see it (GET /api/admin/projections, readiness). */
@ApplicationScoped
public class ProjectionStatuses {

    private final Projections monitor;
    private final IndexRebuild rebuild;
    private final IncidentEventStream events;

    ProjectionStatuses(Projections monitor, IndexRebuild rebuild, IncidentEventStream events) {
        this.monitor = monitor;
        this.rebuild = rebuild;
        this.events = events;
    }

    public List<ProjectionStatus> all() {
        long head = events.head();
        return Projections.NAMES.stream().map(name -> status(name, head)).toList();
    }

    public ProjectionStatus of(String name) {
        return status(name, events.head());
    }

    private ProjectionStatus status(String name, long head) {
        IndexRebuild.Progress progress = SearchProjection.GROUP.equals(name) ? rebuild.progress() : null;
        Projections.ProcessorState processor = monitor.state(name);
        List<ParkedEvent> parked = monitor.parked(name);
        List<ProjectionStatus.Processor> processors = monitor.processors(name).stream()
                .map(p -> new ProjectionStatus.Processor(p.name(), p.segment(), p.owner(), p.position(),
                        p.position() == null ? null : Math.max(head - p.position(), 0), p.updatedAt()))
                .toList();
        Long position = processor.position().isPresent() ? processor.position().getAsLong() : null;
        Long read = processor.read().isPresent() ? processor.read().getAsLong() : null;
        if (position == null && !monitor.perNode(name) && !processors.isEmpty()
                && processors.stream().allMatch(p -> p.position() != null)) {
            // a shared processor whose segments other nodes hold: its position is their tokens' lowest
            position = processors.stream().mapToLong(ProjectionStatus.Processor::position).min().getAsLong();
            read = position;
        }
        State state;
        if (processor.failing()) {
            state = State.FAILED;
        } else if (!processor.running()) {
            state = State.STOPPED;
        } else if (progress != null && progress.running()) {
            state = State.REBUILDING;
        } else if (!parked.isEmpty()) {
            state = State.DEGRADED;
        } else {
            state = State.LIVE;
        }
        Long lag = null;
        if (position != null) {
            lag = Math.max(head - position, 0);
        } else if (head < 0) {
            lag = 0L; // an empty store: nothing to process
        }
        Long unread = read != null ? Long.valueOf(Math.max(head - read, 0)) : lag;
        Long deferred = lag == null || unread == null ? null : Math.max(lag - unread, 0);
        ProjectionStatus.Rebuild rebuildStatus = progress == null ? null : new ProjectionStatus.Rebuild(
                progress.running(), progress.reason(), progress.processed(), progress.total(),
                Math.round(progress.eventsPerSecond()), progress.eta(), String.valueOf(progress.startedAt()),
                progress.finishedAt() == null ? null : progress.finishedAt().toString(), progress.error());
        return new ProjectionStatus(name, state, position, head, lag, unread, deferred, parked, rebuildStatus,
                monitor.node(), monitor.perNode(name), processors);
    }
}
