package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.RuleOutRootCause;
import dev.faultline.web.request.ContributingFactorBody;
import dev.faultline.web.request.ImpactBody;
import dev.faultline.web.request.RootCauseBody;
import dev.faultline.web.request.RootCauseRevisionBody;
import dev.faultline.web.request.StatementBody;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import static dev.faultline.web.IncidentWriter.expectedVersion;
import static dev.faultline.web.IncidentWriter.required;

/** What was learned: public statements, root causes, contributing factors and impact. */
@Path("/api/incidents/{id}")
@Tag(name = "Findings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class FindingsResource {

    private final IncidentWriter writer;

    FindingsResource(IncidentWriter writer) {
        this.writer = writer;
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/statements")
    @Operation(summary = "Record a public statement", description = "A verbatim quote, attributed to a speaker, role and channel.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "CEO on the blog", value = """
            {"speaker": "Matthew Prince", "role": "CEO", "publishedAt": "2025-11-18T23:00:00Z", "channel": "BLOG",
             "quote": "An outage like today's is unacceptable.",
             "source": "https://blog.cloudflare.com/18-november-2025-outage/", "confidence": "CONFIRMED"}""")))
    public Response statement(@PathParam("id") String id, StatementBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/root-causes")
    @Operation(summary = "Identify a root cause or hypothesis", description = "labels are taxonomy labels (GET /api/taxonomy), written dimension:label.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "DDoS hypothesis", value = """
            {"rootCauseId": "ddos-hypothesis", "summary": "Suspected hyper-scale DDoS attack",
             "labels": ["response:misleading-hypothesis"], "identifiedAt": "2025-11-18T11:35:00Z", "confidence": "CONFIRMED"}""")))
    public Response rootCause(@PathParam("id") String id, RootCauseBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @PUT

    @RolesAllowed(Role.EDIT)
    @Path("/root-causes/{rootCauseId}")
    @Operation(summary = "Revise a root cause", description = "Replaces its content; 409 if it was retracted.")
    public Response reviseRootCause(@PathParam("id") String id, @PathParam("rootCauseId") String rootCauseId,
                                    RootCauseRevisionBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, rootCauseId, expectedVersion(headers)), headers);
    }

    @DELETE

    @RolesAllowed(Role.EDIT)
    @Path("/root-causes/{rootCauseId}")
    @Operation(summary = "Rule a root cause out", description = "It stays in history as RULED_OUT; ?ruledOutAt= is when, in incident time.")
    public Response ruleOutRootCause(@PathParam("id") String id, @PathParam("rootCauseId") String rootCauseId,
                                     @Parameter(description = "incident time it was ruled out, ISO-8601") @QueryParam("ruledOutAt") String ruledOutAt,
                                     @QueryParam("reason") String reason, @Context HttpHeaders headers) {
        return writer.update(new RuleOutRootCause(id, rootCauseId, Params.instant("ruledOutAt", ruledOutAt), reason,
                expectedVersion(headers)), headers);
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/contributing-factors")
    @Operation(summary = "Add a contributing factor")
    public Response contributingFactor(@PathParam("id") String id, ContributingFactorBody body,
                                       @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }

    @PUT

    @RolesAllowed(Role.EDIT)
    @Path("/impact")
    @Operation(summary = "Assess the impact", description = "Replaces any earlier assessment (kept in history).")
    public Response impact(@PathParam("id") String id, ImpactBody body, @Context HttpHeaders headers) {
        return writer.update(required(body).toCommand(id, expectedVersion(headers)), headers);
    }
}
