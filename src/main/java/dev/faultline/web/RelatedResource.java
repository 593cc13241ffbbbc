package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.RelatedIncidents;
import dev.faultline.query.related.RelatedIncidentFinder;
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

/** {@code GET /api/incidents/{id}/related}: outages like this one, across companies, with the reasons. */
@Path("/api/incidents/{id}/related")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Related incidents")
@RolesAllowed(Role.READ)
public class RelatedResource {

    private final RelatedIncidentFinder finder;

    RelatedResource(RelatedIncidentFinder finder) {
        this.finder = finder;
    }

    @GET
    @Operation(summary = "Incidents related to this one, with reasons", description = """
            Explicit links first (either direction), then shared taxonomy labels and families weighted by how
            rare they are, shared components, and shared rare words in what says why each happened (root causes,
            contributing factors, trigger entries, summary). Each item's score is the sum of its reasons' weights.
            Ruled-out causes and retracted entries do not count. startedBefore=true keeps incidents that started
            before this one ("had we seen this before?"), or give an instant; knownAt shows both sides as the
            knowledge base knew them then.""")
    public RelatedIncidents related(@PathParam("id") String id,
                                    @Parameter(description = "1–50, default 10") @QueryParam("size") String size,
                                    @QueryParam("organization") List<String> organizations,
                                    @QueryParam("excludeOrganization") List<String> excluded,
                                    @Parameter(description = "a label or family each relative must carry")
                                    @QueryParam("label") List<String> labels,
                                    @Parameter(description = "true, or an ISO-8601 instant") @QueryParam("startedBefore") String startedBefore,
                                    @QueryParam("knownAt") String knownAt) {
        Params.labels("label", labels);
        boolean beforeThisOne = "true".equalsIgnoreCase(startedBefore == null ? null : startedBefore.strip());
        Instant before = beforeThisOne ? null : Params.instant("startedBefore", startedBefore);
        RelatedIncidentFinder.Query query = new RelatedIncidentFinder.Query(id, Params.intInRange("size", size, 10, 1, 50),
                Set.copyOf(organizations), Set.copyOf(excluded), Set.copyOf(labels), before, beforeThisOne,
                Params.instant("knownAt", knownAt), false);
        return finder.find(query).orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                knownAt == null ? "no incident " + id : "nothing was recorded about " + id + " by " + knownAt,
                List.of(new Problem.FieldError(knownAt == null ? "id" : "knownAt", "not found")))));
    }
}
