package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.RetractTimelineEntry;
import dev.faultline.web.request.TimelineCorrectionBody;
import dev.faultline.web.request.TimelineEntryBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static dev.faultline.web.IncidentWriter.expectedVersion;
import static dev.faultline.web.IncidentWriter.required;

/** An incident's timeline: record, correct and retract entries. All writes honor If-Match. */
@Path("/api/incidents/{id}/timeline")
@Tag(name = "Timeline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class TimelineResource {

    private final IncidentWriter writer;

    TimelineResource(IncidentWriter writer) {
        this.writer = writer;
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Operation(summary = "Record a timeline entry", description = "Retrying with the same entryId and content records nothing; other content under the same id is 409.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Detection", value = """
            {"entryId": "first-alert", "at": "2025-11-18T11:31:00Z", "kind": "DETECTION",
             "text": "Automated tests detect the issue; an incident is opened.",
             "source": "https://blog.cloudflare.com/18-november-2025-outage/", "confidence": "CONFIRMED"}""")))
    public Response record(@PathParam("id") String id, TimelineEntryBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @PUT

    @RolesAllowed(Role.EDIT)
    @Path("/{entryId}")
    @Operation(summary = "Correct a timeline entry", description = "Replaces its content; the previous content stays in history. 409 if retracted.")
    public Response correct(@PathParam("id") String id, @PathParam("entryId") String entryId,
                            TimelineCorrectionBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, entryId, expectedVersion(headers)), headers);
    }

    @DELETE

    @RolesAllowed(Role.EDIT)
    @Path("/{entryId}")
    @Operation(summary = "Retract a timeline entry", description = "The entry stays in history, marked retracted with the reason.")
    public Response retract(@PathParam("id") String id, @PathParam("entryId") String entryId,
                            @QueryParam("reason") String reason, @Context HttpHeaders headers) {
        return writer.update(new RetractTimelineEntry(id, entryId, reason, expectedVersion(headers)), headers);
    }
}
