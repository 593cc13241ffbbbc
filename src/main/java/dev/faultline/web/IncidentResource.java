package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.DeclareIncident;
import dev.faultline.api.query.FindIncidents;
import dev.faultline.api.query.IncidentSummary;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import dev.faultline.query.catalogue.IncidentCatalogueProjection;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.query.search.IncidentSearch;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import dev.faultline.web.request.ResolutionBody;
import dev.faultline.web.request.ReviseDetailsBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Incidents as a whole: declare, revise, resolve, read (now or as of a moment), list, history. */
@Path("/api/incidents")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class IncidentResource {

    private final IncidentWriter writer;
    private final IncidentDetails details;
    private final IncidentCatalogueProjection catalogue;
    private final IncidentSearch search;

    /** How deep a listing answered by the search index may page: (page + 1) × size. */
    static final int MAX_SEARCH_WINDOW = 10_000;

    IncidentResource(IncidentWriter writer, IncidentDetails details, IncidentCatalogueProjection catalogue,
                     IncidentSearch search) {
        this.writer = writer;
        this.details = details;
        this.catalogue = catalogue;
        this.search = search;
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Operation(summary = "Declare an incident", description = "201 with Location, ETag (version 0) and Faultline-Position; 409 if the id is taken.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Cloudflare 18 Nov 2025", value = """
            {"incidentId": "cloudflare-2025-11-18",
             "title": "Cloudflare global outage: oversized Bot Management feature file",
             "organization": "Cloudflare", "severity": "SEV1", "startedAt": "2025-11-18T11:20:00Z",
             "summary": "A database permissions change doubled the Bot Management feature file; the proxy's size limit made it fail everywhere.",
             "affectedServices": ["CDN", "Workers KV", "Access", "Dashboard"],
             "sources": ["https://blog.cloudflare.com/18-november-2025-outage/"]}""")))
    public Response declare(DeclareIncident command, @Context HttpHeaders headers) {
        return writer.create(IncidentWriter.required(command), headers);
    }

    @PATCH

    @RolesAllowed(Role.EDIT)
    @Path("/{id}")
    @Operation(summary = "Revise declaration facts", description = "Only the fields present change. Honors If-Match.")
    public Response revise(@PathParam("id") String id, ReviseDetailsBody body, @Context HttpHeaders headers) {
        return writer.update(IncidentWriter.required(body).toCommand(id, IncidentWriter.expectedVersion(headers)), headers);
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Path("/{id}/resolution")
    @Operation(summary = "Resolve the incident", description = "resolvedAt must not be before startedAt. Posting again restates it.")
    public Response resolve(@PathParam("id") String id, ResolutionBody body, @Context HttpHeaders headers) {
        return writer.update(IncidentWriter.required(body).toCommand(id, IncidentWriter.expectedVersion(headers)), headers);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an incident", description = """
            The current state, or with ?at= the incident as it stood at that moment of the outage (incident time),
            or with ?knownAt= what the knowledge base had recorded by then (knowledge time). ETag = version.""")
    public Response get(@PathParam("id") String id,
                        @Parameter(description = "incident time, ISO-8601 (e.g. 2025-11-18T12:00:00Z)") @QueryParam("at") String at,
                        @Parameter(description = "knowledge time, ISO-8601") @QueryParam("knownAt") String knownAt,
                        @Context Request request) {
        Instant atTime = Params.instant("at", at);
        Instant knownTime = Params.instant("knownAt", knownAt);
        IncidentView view = details.find(id, atTime, knownTime).orElseThrow(() -> notFound(id, knownTime));
        EntityTag tag = new EntityTag(Long.toString(view.version()));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.tag(tag).build();
        }
        return Response.ok(view).tag(tag).build();
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The incident's events", description = "Every stored event in order: type, sequence, global position, recordedAt, actor, payload.")
    public IncidentHistory events(@PathParam("id") String id, @QueryParam("knownAt") String knownAt) {
        Instant knownTime = Params.instant("knownAt", knownAt);
        List<RecordedEvent> events = details.history(id, knownTime).orElseThrow(() -> notFound(id, knownTime));
        return new IncidentHistory(id, events.get(events.size() - 1).sequence(), events);
    }

    /** Response of GET /api/incidents/{id}/events. */
    public record IncidentHistory(String incidentId, long version, List<RecordedEvent> events) {
    }

    @GET
    @Operation(summary = "List incidents", description = """
            Filters combine with AND. q (the search syntax) and label (a label or a family, repeatable) are
            answered by the search index, the other filters by the catalogue alone. sort: a field, ascending,
            or with a leading '-' descending: -startedAt (the default), startedAt, title, -title,
            organization, -organization, severity (most severe first), -severity.
            startedFrom/startedTo are the former names of from/to (deprecated).""")
    public Page<IncidentSummary> list(@Parameter(description = "words that must match, as in GET /api/search") @QueryParam("q") String q,
                                      @Parameter(description = "dimension:label or dimension:family, repeatable; all must match") @QueryParam("label") List<String> labels,
                                      @QueryParam("organization") String organization,
                                      @QueryParam("severity") String severity,
                                      @QueryParam("status") String status,
                                      @Parameter(description = "startedAt ≥ this instant or date") @QueryParam("from") String from,
                                      @Parameter(description = "startedAt < this instant or date") @QueryParam("to") String to,
                                      @Parameter(deprecated = true, description = "former name of from") @QueryParam("startedFrom") String startedFrom,
                                      @Parameter(deprecated = true, description = "former name of to") @QueryParam("startedTo") String startedTo,
                                      @QueryParam("sort") String sort,
                                      @QueryParam("page") String page,
                                      @Parameter(description = "1 to 200, default 50") @QueryParam("size") String size) {
        Params.Errors errors = new Params.Errors();
        String fromName = from == null && startedFrom != null ? "startedFrom" : "from";
        String toName = to == null && startedTo != null ? "startedTo" : "to";
        String text = errors.get(() -> SearchResource.text(q));
        List<String> wanted = errors.get(() -> Params.labelList("label", labels));
        Severity wantedSeverity = errors.get(() -> Params.enumValue("severity", Severity.class, severity));
        IncidentStatus wantedStatus = errors.get(() -> Params.enumValue("status", IncidentStatus.class, status));
        Instant start = errors.get(() -> Params.instant(fromName, from != null ? from : startedFrom));
        Instant end = errors.get(() -> Params.instant(toName, to != null ? to : startedTo));
        FindIncidents.Sort order = errors.get(() -> sortOrder(sort));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 100_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 50, 1, 200));
        errors.check();
        FindIncidents query = new FindIncidents(text, wanted,
                organization == null || organization.isBlank() ? null : organization.strip(),
                wantedSeverity, wantedStatus, start, end, order, pageNumber, pageSize);
        if (!query.needsSearch()) {
            return catalogue.find(query);
        }
        if ((long) (query.page() + 1) * query.size() > MAX_SEARCH_WINDOW) {
            // the index ranks every match up to the page's end: a bound on that work, as Elasticsearch's max_result_window
            throw new InvalidParameter("page", "with q or label, pages reach the first " + MAX_SEARCH_WINDOW
                    + " matches at most; narrow the filters");
        }
        try {
            Page<String> ids = search.list(query);
            return new Page<>(ids.total(), ids.page(), ids.size(), catalogue.summaries(ids.items()));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("q", e.getMessage());
        }
    }

    private static FindIncidents.Sort sortOrder(String sort) {
        if (sort == null || sort.isBlank()) {
            return FindIncidents.Sort.NEWEST_FIRST;
        }
        return FindIncidents.Sort.parse(sort.strip()).orElseThrow(() -> new InvalidParameter("sort",
                "must be one of startedAt, title, organization, severity, each ascending or with a leading '-' descending"));
    }

    private static ProblemException notFound(String id, Instant knownAt) {
        String detail = knownAt == null ? "no incident " + id
                : "nothing about incident " + id + " had been recorded by " + knownAt;
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail, null));
    }
}
