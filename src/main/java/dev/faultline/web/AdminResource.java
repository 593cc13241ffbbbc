package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.ProjectionStatus;
import dev.faultline.query.Projections;
import dev.faultline.query.pattern.PatternProjection;
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
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operations on projections: their status, their parked events, and the zero-downtime rebuild of the search index. */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@RolesAllowed(Role.ADMINISTER)
public class AdminResource {

    private final ProjectionStatuses statuses;
    private final Projections monitor;
    private final IndexRebuild rebuild;

    AdminResource(ProjectionStatuses statuses, Projections monitor, IndexRebuild rebuild) {
        this.statuses = statuses;
        this.monitor = monitor;
        this.rebuild = rebuild;
    }

    @GET
    @Operation(summary = "Projection status", description = """
            For each projection: state (LIVE, DEGRADED, REBUILDING, FAILED, STOPPED), the global position written
            (every event up to it is in the read model), the event store's head, the lag between them, the events it
            could not apply (parked; DEGRADED while there are any), and the current or last rebuild with its speed and ETA.
            With several nodes on one store: node is the node that answered; the search and patterns projections
            live on each node (perNode), so their state and parked events are this node's; processors lists every
            node's processor (or the shared processor's segments) with the node claiming it and its position.""")
    public List<ProjectionStatus> list() {
        return statuses.all();
    }

    @POST
    @Path("/{name}/parked/{eventId}/retry")
    @Operation(summary = "Retry a parked event", description = """
            Applies the parked events of this event's incident again, in order. Those applied leave the list; the first
            that fails again stays, with its attempts counted, and so do the ones behind it. 200 with the projection's
            status; 404 if the projection or the parked event is unknown.""")
    @APIResponse(responseCode = "200", description = "Retried; the projection's status tells what is still parked")
    @APIResponse(responseCode = "404", description = "No such projection, or no such parked event")
    public Response retry(@PathParam("name") String name, @PathParam("eventId") String eventId) {
        return onParked(name, eventId, monitor::retry);
    }

    @POST
    @Path("/{name}/parked/{eventId}/skip")
    @Operation(summary = "Skip a parked event", description = """
            Drops this parked event for good: the projection will not apply it. The events of its incident parked behind
            it are then retried. 200 with the projection's status; 404 if the projection or the parked event is unknown.""")
    @APIResponse(responseCode = "200", description = "Skipped; the projection's status tells what is still parked")
    @APIResponse(responseCode = "404", description = "No such projection, or no such parked event")
    public Response skip(@PathParam("name") String name, @PathParam("eventId") String eventId) {
        return onParked(name, eventId, monitor::skip);
    }

    private Response onParked(String name, String eventId, BiFunction<String, String, Optional<Boolean>> action) {
        if (!Projections.NAMES.contains(name)) {
            return Problem.of(404, "Not Found", "no projection named '" + name + "'; projections: "
                    + String.join(", ", Projections.NAMES)).toResponse();
        }
        if (action.apply(name, eventId).isEmpty()) {
            return Problem.of(404, "Not Found", "projection '" + name + "' has no parked event '" + eventId + "'")
                    .toResponse();
        }
        return Response.ok(statuses.of(name)).build();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Rebuild a projection without downtime", description = """
            search: a new index is built from the event store beside the serving one, which keeps answering
            until the new one has caught up; then they swap. 202 with the status; 409 if a rebuild is running.
            patterns: its table is emptied and refilled from the event store; until it has caught up (lag 0),
            patterns, recurrences, the action board and statistics show part of the catalogue.""")
    @APIResponse(responseCode = "202", description = "Rebuild started")
    @APIResponse(responseCode = "404", description = "No such projection, or it cannot be rebuilt")
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Response rebuild(@PathParam("name") String name) {
        if (PatternProjection.GROUP.equals(name)) {
            monitor.replay(name);
            return Locations.at(Response.accepted(statuses.of(name)), "/api/admin/projections").build();
        }
        if (!SearchProjection.GROUP.equals(name)) {
            return Problem.of(404, "Not Found", "no rebuildable projection named '" + name
                    + "'; rebuildable: " + SearchProjection.GROUP + ", " + PatternProjection.GROUP).toResponse();
        }
        if (!rebuild.start("requested through the API")) {
            return Problem.of(409, "Conflict", "a rebuild of the search index is already running").toResponse();
        }
        return Locations.at(Response.accepted(statuses.of(SearchProjection.GROUP)), "/api/admin/projections").build();
    }
}
