package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.SearchIncidents;
import dev.faultline.api.query.SearchResults;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import dev.faultline.query.Projections;
import dev.faultline.query.search.IncidentSearch;
import dev.faultline.query.search.SearchProjection;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/search: full-text search over the incident index. */
@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
@RolesAllowed(Role.READ)
public class SearchResource {

    static final int MAX_QUERY_CHARS = 500;
    static final int MAX_QUERY_WORDS = 32;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final IncidentSearch search;
    private final Projections projections;

    SearchResource(IncidentSearch search, Projections projections) {
        this.search = search;
        this.projections = projections;
    }

    @GET
    @Operation(summary = "Search incidents", description = """
            Words are matched by meaning (English stemming, domain synonyms such as DNS / domain name system,
            one typo tolerated in names and titles). Syntax: "a phrase", -excluded, a OR b (words combine with OR and
            rank by how many match). Filters combine with AND. Highlights are HTML-escaped fragments where only
            <em>…</em> marks matches. The best 50 matches are ranked by the full relevance model, the rest by a
            cheaper first pass; `score` orders hits and is not comparable across that boundary or across searches.
            With minPosition (the Faultline-Position header of a write) the search waits,
            at most 5 s, until the index has caught up with that write.""")
    @APIResponse(responseCode = "200", description = "A page of hits with facet counts over all matches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hit", value = """
                    {"total":1,"tookMs":3,"hits":[{"id":"cloudflare-2025-11-18","title":"Cloudflare global outage: oversized Bot Management feature file",
                    "organization":"Cloudflare","startedAt":"2025-11-18T11:20:00Z","severity":"SEV1","status":"RESOLVED","score":7.1,
                    "highlights":{"statements":["In short, a <em>latent</em> <em>bug</em> in a service underpinning our bot mitigation capability"]}}],
                    "facets":{"organization":[{"value":"Cloudflare","count":1}],"label":[{"value":"defect:latent-bug","count":1}],
                    "severity":[{"value":"SEV1","count":1}],"year":[{"value":"2025","count":1}]}}""")))
    @APIResponse(responseCode = "400", description = "A parameter is malformed (named in the problem)")
    @APIResponse(responseCode = "503", description = "minPosition was not reached within 5 s; retry")
    public Response search(
            @Parameter(description = "what to look for; up to 500 characters and 32 words") @QueryParam("q") String q,
            @QueryParam("organization") String organization,
            @Parameter(description = "dimension:label or dimension:family, repeatable; all must match") @QueryParam("label") List<String> labels,
            @QueryParam("severity") String severity,
            @QueryParam("status") String status,
            @Parameter(description = "startedAt ≥ this instant or date") @QueryParam("from") String from,
            @Parameter(description = "startedAt < this instant or date") @QueryParam("to") String to,
            @Parameter(description = "relevance (default) or startedAt (newest first)") @QueryParam("sort") String sort,
            @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 10") @QueryParam("size") String size,
            @Parameter(description = "a Faultline-Position to wait for (read-your-writes)") @QueryParam("minPosition") String minPosition)
            throws InterruptedException {
        SearchIncidents query = new SearchIncidents(
                text(q),
                organization == null || organization.isBlank() ? null : organization.strip(),
                Params.labelList("label", labels),
                Params.enumValue("severity", Severity.class, severity),
                Params.enumValue("status", IncidentStatus.class, status),
                Params.instant("from", from),
                Params.instant("to", to),
                Params.enumValue("sort", SearchIncidents.Sort.class, sort == null ? null : sort.replace("startedAt", "started_at")),
                Params.intInRange("page", page, 0, 0, 10_000),
                Params.intInRange("size", size, 10, 1, 100));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidParameter("to", "must be after from");
        }
        if (minPosition != null && !minPosition.isBlank()) {
            long position = Params.intInRange("minPosition", minPosition, 0, 0, Integer.MAX_VALUE);
            // written, not only read: the position counts the index's deferred writes
            if (!projections.awaitPosition(SearchProjection.GROUP, position, MAX_WAIT)) {
                return Response.status(503).header("Retry-After", "1").type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(503, "Index not caught up", "the search index has not reached position "
                                + position + " within " + MAX_WAIT.toSeconds() + " s; retry"))
                        .build();
            }
        }
        try {
            SearchResults results = search.search(query.sort() == null
                    ? withSort(query, SearchIncidents.Sort.RELEVANCE) : query);
            return Response.ok(results).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("q", e.getMessage());
        }
    }

    /** The user's query text: blank → null; 400 naming {@code q} when too long or too many words. */
    static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_QUERY_CHARS) {
            throw new InvalidParameter("q", "is longer than " + MAX_QUERY_CHARS + " characters");
        }
        if (q.strip().split("\\s+").length > MAX_QUERY_WORDS) {
            throw new InvalidParameter("q", "has more than " + MAX_QUERY_WORDS + " words");
        }
        return q.strip();
    }

    private static SearchIncidents withSort(SearchIncidents q, SearchIncidents.Sort sort) {
        return new SearchIncidents(q.text(), q.organization(), q.labels(), q.severity(), q.status(), q.from(), q.to(),
                sort, q.page(), q.size());
    }
}
