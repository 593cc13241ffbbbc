package dev.faultline.web;

import dev.faultline.api.query.ProjectionStatus;
import dev.faultline.api.query.ProjectionStatus.State;
import dev.faultline.infra.axon.AxonConfiguration;
import dev.faultline.infra.axon.ProjectionMonitor;
import dev.faultline.query.history.IncidentEventStream;
import dev.faultline.query.search.IndexRebuild;
import dev.faultline.query.search.SearchProjection;
import dev.faultline.web.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on projections: their status and the zero-downtime rebuild of the search index. */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class AdminResource {

    private final ProjectionMonitor monitor;
    private final IndexRebuild rebuild;
    private final IncidentEventStream events;

    AdminResource(ProjectionMonitor monitor, IndexRebuild rebuild, IncidentEventStream events) {
        this.monitor = monitor;
        this.rebuild = rebuild;
        this.events = events;
    }

    @GET
    @Operation(summary = "Projection status", description = """
            For each projection: state (LIVE, REBUILDING, FAILED, STOPPED), the global position processed, the
            event store's head, the lag between them, and the current or last rebuild with its speed and ETA.""")
    public List<ProjectionStatus> list() {
        long head = events.head();
        return List.of(status(AxonConfiguration.CATALOGUE, head, null), status(SearchProjection.GROUP, head, rebuild.progress()));
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Rebuild a projection without downtime", description = """
            search: a new index is built from the event store beside the serving one, which keeps answering
            until the new one has caught up; then they swap. 202 with the status; 409 if a rebuild is running.""")
    @APIResponse(responseCode = "202", description = "Rebuild started")
    @APIResponse(responseCode = "404", description = "No such projection, or it cannot be rebuilt")
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Response rebuild(@PathParam("name") String name) {
        if (!SearchProjection.GROUP.equals(name)) {
            return Problem.of(404, "Not Found", "no rebuildable projection named '" + name
                    + "'; rebuildable: " + SearchProjection.GROUP).toResponse();
        }
        if (!rebuild.start("requested through the API")) {
            return Problem.of(409, "Conflict", "a rebuild of the search index is already running").toResponse();
        }
        return Response.accepted(status(SearchProjection.GROUP, events.head(), rebuild.progress()))
                .location(URI.create("/api/admin/projections")).build();
    }

    private ProjectionStatus status(String name, long head, IndexRebuild.Progress progress) {
        ProjectionMonitor.ProcessorState processor = monitor.state(name);
        Long position = processor.position().isPresent() ? processor.position().getAsLong() : null;
        State state;
        if (processor.failing()) {
            state = State.FAILED;
        } else if (!processor.running()) {
            state = State.STOPPED;
        } else if (progress != null && progress.running()) {
            state = State.REBUILDING;
        } else {
            state = State.LIVE;
        }
        Long lag = null;
        if (position != null) {
            lag = Math.max(head - position, 0);
        } else if (head < 0) {
            lag = 0L; // an empty store: nothing to process
        }
        ProjectionStatus.Rebuild rebuildStatus = progress == null ? null : new ProjectionStatus.Rebuild(
                progress.running(), progress.reason(), progress.processed(), progress.total(),
                Math.round(progress.eventsPerSecond()), progress.eta(), String.valueOf(progress.startedAt()),
                progress.finishedAt() == null ? null : progress.finishedAt().toString(), progress.error());
        return new ProjectionStatus(name, state, position, head, lag, rebuildStatus);
    }
}
