package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.UnlinkIncident;
import dev.faultline.api.value.LinkRelation;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.request.LinkBody;
import dev.faultline.web.request.RemediationBody;
import dev.faultline.web.request.RemediationStatusBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static dev.faultline.web.IncidentWriter.expectedVersion;
import static dev.faultline.web.IncidentWriter.required;

/** What follows an incident: remediation actions and links to other incidents. */
@Path("/api/incidents/{id}")
@Tag(name = "Follow-up")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class RemediationResource {

    private final IncidentWriter writer;
    private final IncidentDetails details;

    RemediationResource(IncidentWriter writer, IncidentDetails details) {
        this.writer = writer;
        this.details = details;
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/remediations")
    @Operation(summary = "Propose a remediation action", description = "type: MITIGATE, PREVENT, DETECT or PROCESS. Starts PROPOSED.")
    public Response propose(@PathParam("id") String id, RemediationBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @PATCH

    @RolesAllowed(Role.EDIT)
    @Path("/remediations/{actionId}")
    @Operation(summary = "Move a remediation action", description = "PROPOSED → IN_PROGRESS → DONE | ABANDONED; any other move is 409.")
    public Response changeStatus(@PathParam("id") String id, @PathParam("actionId") String actionId,
                                 RemediationStatusBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, actionId, expectedVersion(headers)), headers);
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/links")
    @Operation(summary = "Link to another incident", description = "relation: CAUSED_BY, CAUSED, DUPLICATE_OF, SAME_ROOT_CAUSE, FOLLOW_UP_OF.")
    public Response link(@PathParam("id") String id, LinkBody body, @Context HttpHeaders headers) {
        String other = required(body).incidentId();
        // an id that is not a slug is refused by the command's validation, naming the field, before any lookup
        if (other != null && other.matches(dev.faultline.api.value.Limits.ID_PATTERN) && !details.exists(other)) {
            throw new InvalidParameter("/incidentId", "no incident " + other + " to link to");
        }
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @DELETE

    @RolesAllowed(Role.EDIT)
    @Path("/links/{otherId}")
    @Operation(summary = "Remove links to another incident", description = "Only the given ?relation=, or all links to it.")
    public Response unlink(@PathParam("id") String id, @PathParam("otherId") String otherId,
                           @QueryParam("relation") String relation, @Context HttpHeaders headers) {
        return writer.update(new UnlinkIncident(id, otherId, Params.enumValue("relation", LinkRelation.class, relation),
                expectedVersion(headers)), headers);
    }
}
