package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.Recurrence;
import dev.faultline.query.pattern.PatternCatalogue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/recurrences}: the recurrence check's pairs across the catalogue. */
@Path("/api/recurrences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patterns")
@RolesAllowed(Role.READ)
public class RecurrencesResource {

    private final PatternCatalogue catalogue;

    RecurrencesResource(PatternCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Recurrences across the catalogue", description = """
            The pairs of GET /api/incidents/{id}/recurrence for every incident, the latest incident first;
            organization matches either side. Examines at most the 5,000 latest incidents.""")
    public Page<Recurrence> recurrences(@QueryParam("organization") String organization,
                                        @Parameter(description = "REPEATED_AFTER_DONE, REPEATED_WHILE_OPEN, REPEATED_AFTER_ABANDONED or NO_PRIOR_ACTION")
                                        @QueryParam("verdict") String verdict,
                                        @QueryParam("page") String page,
                                        @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
        Params.Errors errors = new Params.Errors();
        Recurrence.Verdict wanted = errors.get(() -> Params.enumValue("verdict", Recurrence.Verdict.class, verdict));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 1_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 20, 1, 100));
        errors.check();
        return catalogue.recurrences(organization == null || organization.isBlank() ? null : organization.strip(),
                wanted, pageNumber, pageSize);
    }
}
