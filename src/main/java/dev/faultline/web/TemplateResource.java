package dev.faultline.web;

import dev.faultline.security.Caller;
import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.DeleteTemplate;
import dev.faultline.api.command.UploadTemplate;
import dev.faultline.api.command.Recording;
import dev.faultline.query.postmortem.PostmortemModel;
import dev.faultline.query.postmortem.PostmortemTemplates;
import dev.faultline.query.postmortem.PostmortemTemplates.PostmortemTemplate;
import dev.faultline.query.postmortem.Postmortems;
import dev.faultline.query.postmortem.TemplateSandbox;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Postmortem templates: list, blank documents, and custom templates (Qute) stored as events. */
@Path("/api/templates")
@Tag(name = "Postmortems")
@RolesAllowed(Role.READ)
public class TemplateResource {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{2,80}$");

    private final PostmortemTemplates templates;
    private final Postmortems postmortems;
    private final CommandGateway commands;
    private final Caller caller;

    TemplateResource(PostmortemTemplates templates, Postmortems postmortems, CommandGateway commands, Caller caller) {
        this.caller = caller;
        this.templates = templates;
        this.postmortems = postmortems;
        this.commands = commands;
    }

    /** One entry of GET /api/templates. */
    public record TemplateInfo(String name, int version, boolean builtIn, String description, List<String> sections) {
    }

    /** What PUT answers. */
    public record Stored(String name, int version) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List postmortem templates", description = "Built-in templates first, then custom ones, each with its current version and sections.")
    public List<TemplateInfo> list() {
        return templates.list().stream()
                .map(t -> new TemplateInfo(t.name(), t.version(), t.builtIn(), t.description(), t.sections()))
                .toList();
    }

    @GET
    @Path("/{name}")
    @Produces({"text/markdown", "text/html", "application/pdf", "application/json"})
    @Operation(summary = "A blank postmortem", description = "The template with nothing filled in, to start a new postmortem. ?format= or Accept as for incident postmortems.")
    public Response blank(@PathParam("name") String name, @QueryParam("format") String format, @Context HttpHeaders headers) {
        PostmortemTemplate template = existing(name);
        return PostmortemResponses.ok(postmortems.blank(template, PostmortemResponses.format(format, headers)));
    }

    @GET
    @Path("/{name}/source")
    @Produces("text/plain")
    @Operation(summary = "A template's Qute source")
    public Response source(@PathParam("name") String name) {
        PostmortemTemplate template = existing(name);
        return Response.ok(template.source(), "text/plain; charset=UTF-8")
                .header(PostmortemResponses.TEMPLATE_VERSION, template.version()).build();
    }

    @PUT

    @RolesAllowed(Role.ADMINISTER)
    @Path("/{name}")
    @Consumes({"text/plain", "text/x-qute", "text/markdown"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a custom template", description = """
            The body is Qute source producing Markdown; it can read only the export model (docs/postmortems.md).
            It is parsed and test-rendered before it is stored: an error answers 400 naming the line. Each change is
            a new version (an event); the same source again changes nothing. Built-in names cannot be replaced.""")
    @APIResponse(responseCode = "201", description = "First version stored")
    @APIResponse(responseCode = "200", description = "New version stored, or unchanged")
    @APIResponse(responseCode = "400", description = "The template does not parse or reads beyond the model")
    @APIResponse(responseCode = "409", description = "A built-in template's name")
    public Response store(@PathParam("name") String name, String source) {
        checkName(name);
        if (PostmortemTemplates.isBuiltIn(name)) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "'" + name
                    + "' is a built-in template and cannot be replaced; upload under another name",
                    List.of(new Problem.FieldError("name", "built-in"))));
        }
        if (source == null || source.isBlank()) {
            throw new InvalidParameter("body", "the template source is empty");
        }
        if (source.length() > UploadTemplate.MAX_SOURCE) {
            throw new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "a template is at most " + UploadTemplate.MAX_SOURCE + " characters", null));
        }
        validate(source);
        boolean existed = templates.find(name).isPresent();
        int version = commands.sendAndWait(new GenericCommandMessage<>(new UploadTemplate(UploadTemplate.idOf(name), name, source),
                org.axonframework.messaging.MetaData.from(Recording.of(caller.actor(), "api", null))));
        int current = templates.find(name).map(PostmortemTemplate::version).orElse(version);
        Response.ResponseBuilder response = existed ? Response.ok() : Locations.created("/api/templates/" + name);
        return response.entity(new Stored(name, current)).header(PostmortemResponses.TEMPLATE_VERSION, current).build();
    }

    @DELETE

    @RolesAllowed(Role.ADMINISTER)
    @Path("/{name}")
    @Operation(summary = "Delete a custom template", description = "Its versions stay in the event store as history.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such custom template")
    @APIResponse(responseCode = "409", description = "A built-in template")
    public Response delete(@PathParam("name") String name) {
        checkName(name);
        if (PostmortemTemplates.isBuiltIn(name)) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "built-in templates cannot be deleted",
                    List.of(new Problem.FieldError("name", "built-in"))));
        }
        commands.sendAndWait(new GenericCommandMessage<>(new DeleteTemplate(UploadTemplate.idOf(name)),
                org.axonframework.messaging.MetaData.from(Recording.of(caller.actor(), "api", null))));
        return Response.noContent().build();
    }

    /** Parses, then renders on a model with one of everything, so loops run and every name is checked. */
    private static void validate(String source) {
        try {
            Template template = TemplateSandbox.parse(source);
            TemplateSandbox.render(template, PostmortemModel.sample());
        } catch (TemplateSandbox.InvalidTemplate e) {
            String where = e.line() > 0 ? "line " + e.line() : "template";
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, where + ": " + e.getMessage(),
                    List.of(new Problem.FieldError(where, e.getMessage()))));
        }
    }

    private PostmortemTemplate existing(String name) {
        checkName(name);
        return templates.find(name).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                "no template " + name, List.of(new Problem.FieldError("name", "not found")))));
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidParameter("name", "must match ^[a-z0-9][a-z0-9-]{2,80}$");
        }
    }
}
