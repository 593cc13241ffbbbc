package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.query.postmortem.PostmortemFormat;
import dev.faultline.query.postmortem.PostmortemTemplates;
import dev.faultline.query.postmortem.Postmortems;
import dev.faultline.query.postmortem.TemplateSandbox;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/incidents/{id}/postmortem}: an incident as the postmortem a team's process expects. */
@Path("/api/incidents/{id}/postmortem")
@Tag(name = "Postmortems")
@RolesAllowed(Role.READ)
public class PostmortemResource {

    private final Postmortems postmortems;
    private final PostmortemTemplates templates;
    private final RenderAdmission admission;

    PostmortemResource(Postmortems postmortems, PostmortemTemplates templates, RenderAdmission admission) {
        this.postmortems = postmortems;
        this.templates = templates;
        this.admission = admission;
    }

    @GET
    @Produces({"text/markdown", "text/html", "application/pdf", "application/json"})
    @Operation(summary = "Render the incident as a postmortem", description = """
            template: google-sre (default), atlassian, pagerduty or a custom template's name. format: markdown (default),
            html, pdf or json, or negotiated with Accept. With ?knownAt= the document shows what was known then and is
            byte-identical on every request. The document states the incident version, knowledge time and template
            version; ETag and Repr-Digest carry its SHA-256.""")
    @APIResponse(responseCode = "200", description = "The document, as an attachment")
    @APIResponse(responseCode = "400", description = "Unknown template or format, bad knownAt")
    @APIResponse(responseCode = "404", description = "No such incident, or nothing known of it at knownAt")
    @APIResponse(responseCode = "503", description = "Too many PDF renderings at once; retry after Retry-After seconds")
    public Response render(@PathParam("id") String id,
                           @Parameter(description = "template name, default google-sre") @QueryParam("template") String template,
                           @Parameter(description = "markdown, html, pdf or json") @QueryParam("format") String format,
                           @Parameter(description = "knowledge time, ISO-8601") @QueryParam("knownAt") String knownAt,
                           @Context HttpHeaders headers) {
        PostmortemTemplates.PostmortemTemplate chosen = template(templates, template);
        PostmortemFormat chosenFormat = PostmortemResponses.format(format, headers);
        Instant knownTime = Params.instant("knownAt", knownAt);
        try {
            java.util.function.Supplier<java.util.Optional<Postmortems.Rendered>> rendering =
                    () -> postmortems.render(id, chosen, chosenFormat, knownTime);
            return (chosenFormat == PostmortemFormat.PDF ? admission.pdf(rendering) : rendering.get())
                    .map(PostmortemResponses::ok)
                    .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, knownTime == null
                            ? "no incident " + id : "nothing was recorded about " + id + " by " + knownTime,
                            List.of(new Problem.FieldError(knownTime == null ? "id" : "knownAt", "not found")))));
        } catch (TemplateSandbox.InvalidTemplate e) {
            // the request is well formed; the template cannot render this incident (a limit, a missing name): 422
            throw new ProblemException(new Problem("about:blank", "Unprocessable Content", 422, "template " + chosen.name()
                    + " version " + chosen.version() + " cannot render this incident: " + e.getMessage(), null,
                    List.of(new Problem.FieldError("template", "line " + e.line() + ": " + e.getMessage()))));
        }
    }

    /** The named template (default google-sre); 400 naming {@code template} with the valid names otherwise. */
    static PostmortemTemplates.PostmortemTemplate template(PostmortemTemplates templates, String name) {
        String wanted = name == null || name.isBlank() ? "google-sre" : name.strip();
        return templates.find(wanted).orElseThrow(() -> new InvalidParameter("template", "no template '" + wanted
                + "'; available: " + String.join(", ", templates.list().stream().map(PostmortemTemplates.PostmortemTemplate::name).toList())));
    }
}
