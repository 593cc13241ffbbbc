package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.PatternDetail;
import dev.faultline.api.query.PatternSummary;
import dev.faultline.query.pattern.PatternCatalogue;
import dev.faultline.query.pattern.PatternQueries;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/patterns}: failure patterns that recur across organizations, and one pattern's incidents. */
@Path("/api/patterns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patterns")
@RolesAllowed(Role.READ)
public class PatternResource {

    private final PatternCatalogue catalogue;

    PatternResource(PatternCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Recurring patterns", description = """
            A pattern is a label, a family, or a combination of two or three cause labels from different dimensions
            (key: the labels joined by '+'), seen in at least minOrganizations organizations. Each gives its
            incidents and organizations, first and last seen, incidents per year, the distribution (median, p90, n)
            of time to detect, time to mitigate and duration, and its incidents' remediation actions by status.
            label (repeatable): the pattern must carry each (a family matches its members). organization, from and
            to count only those incidents. knownAt: as the knowledge base knew it then.""")
    public Page<PatternSummary> patterns(
            @Parameter(description = "a label or family the pattern must carry; repeatable") @QueryParam("label") List<String> labels,
            @Parameter(description = "count only this organization's incidents; repeatable") @QueryParam("organization") List<String> organizations,
            @Parameter(description = "count only incidents started at or after this instant or date") @QueryParam("from") String from,
            @Parameter(description = "count only incidents started before this instant or date") @QueryParam("to") String to,
            @Parameter(description = "1 to 1000, default 2") @QueryParam("minOrganizations") String minOrganizations,
            @Parameter(description = "organizations (default), incidents or recent") @QueryParam("sort") String sort,
            @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size,
            @QueryParam("knownAt") String knownAt) {
        Params.Errors errors = new Params.Errors();
        Set<String> wanted = errors.get(() -> Params.labels("label", labels));
        Instant start = errors.get(() -> Params.instant("from", from));
        Instant end = errors.get(() -> Params.instant("to", to));
        Integer min = errors.get(() -> Params.intInRange("minOrganizations", minOrganizations, 2, 1, 1_000));
        PatternQueries.Sort order = errors.get(() -> Params.enumValue("sort", PatternQueries.Sort.class, sort));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 10_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 20, 1, 100));
        Instant known = errors.get(() -> Params.instant("knownAt", knownAt));
        if (start != null && end != null && !start.isBefore(end)) {
            errors.get(() -> {
                throw new InvalidParameter("to", "must be after from");
            });
        }
        errors.check();
        PatternQueries.Filter filter = new PatternQueries.Filter(wanted, Set.copyOf(organizations), start, end, min);
        return catalogue.patterns(filter, order == null ? PatternQueries.Sort.ORGANIZATIONS : order, pageNumber,
                pageSize, known);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One pattern", description = """
            The pattern's figures, and a page of its incidents in time order, each with the sentences (root causes,
            contributing factors) that put it in the pattern and the remediation actions it announced.
            The key is a label, a family, or labels joined by '+' in alphabetical order, as GET /api/patterns gives it.""")
    public PatternDetail pattern(@PathParam("key") String key, @QueryParam("knownAt") String knownAt,
                                 @QueryParam("page") String page,
                                 @Parameter(description = "1 to 200, default 50") @QueryParam("size") String size) {
        Params.Errors errors = new Params.Errors();
        Instant known = errors.get(() -> Params.instant("knownAt", knownAt));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 10_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 50, 1, 200));
        errors.check();
        return catalogue.pattern(key, known, pageNumber, pageSize).orElseThrow(() -> new ProblemException(Problem.of(
                Response.Status.NOT_FOUND, "no incident is in pattern '" + key + "'"
                        + (known == null ? "" : " as known at " + known),
                List.of(new Problem.FieldError("key", "not found")))));
    }
}
