package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.Recurrence;
import dev.faultline.query.pattern.PatternCatalogue;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The recurrence check: did an incident repeat an earlier one, and what had been done about the earlier one by then? */
@Path("/api/incidents/{id}/recurrence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patterns")
@RolesAllowed(Role.READ)
public class RecurrenceResource {

    private final PatternCatalogue catalogue;

    RecurrenceResource(PatternCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Earlier incidents this one repeated", description = """
            Each earlier incident (started before this one) sharing a cause label, a combination of cause labels or an
            explicit link, strongest first, with its remediation actions as they stood when this one started (an
            action counts as proposed from when it was recorded, or from the end of its incident if earlier; a status
            change from its world time 'at' when given, else from when it was recorded) and a verdict from its PREVENT
            and DETECT actions: REPEATED_AFTER_DONE, REPEATED_WHILE_OPEN, REPEATED_AFTER_ABANDONED or NO_PRIOR_ACTION.""")
    public Page<Recurrence> recurrence(@PathParam("id") String id, @QueryParam("knownAt") String knownAt,
                                       @QueryParam("page") String page,
                                       @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
        Params.Errors errors = new Params.Errors();
        Instant known = errors.get(() -> Params.instant("knownAt", knownAt));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 10_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 20, 1, 100));
        errors.check();
        return catalogue.recurrence(id, known, pageNumber, pageSize).orElseThrow(() -> new ProblemException(Problem.of(
                Response.Status.NOT_FOUND, known == null ? "no incident " + id : "nothing was recorded about " + id
                        + " by " + known, List.of(new Problem.FieldError(known == null ? "id" : "knownAt", "not found")))));
    }
}
