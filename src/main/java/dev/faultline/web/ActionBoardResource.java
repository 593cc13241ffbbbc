package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.RemediationBoard;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import dev.faultline.query.pattern.ActionBoard;
import dev.faultline.query.pattern.PatternCatalogue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/remediations}: the action board, every remediation action across incidents. */
@Path("/api/remediations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patterns")
@RolesAllowed(Role.READ)
public class ActionBoardResource {

    private final PatternCatalogue catalogue;

    ActionBoardResource(PatternCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "The action board", description = """
            Every remediation action across incidents, soonest due first (undated last), with how many matching
            actions have each status (the status filter aside). Filters repeat (any of the values): status, type,
            organization, owner, label (the incident carries it; a family matches its members); overdue=true keeps
            actions whose due date has passed (UTC) and that are neither done nor abandoned.""")
    public RemediationBoard board(@QueryParam("status") List<String> statuses,
                                  @QueryParam("type") List<String> types,
                                  @QueryParam("organization") List<String> organizations,
                                  @QueryParam("owner") List<String> owners,
                                  @Parameter(description = "true or false (default)") @QueryParam("overdue") String overdue,
                                  @QueryParam("label") List<String> labels,
                                  @QueryParam("page") String page,
                                  @Parameter(description = "1 to 200, default 50") @QueryParam("size") String size) {
        Params.Errors errors = new Params.Errors();
        Set<RemediationStatus> wantedStatuses = new LinkedHashSet<>();
        statuses.forEach(s -> wantedStatuses.add(errors.get(() -> Params.enumValue("status", RemediationStatus.class, s))));
        Set<RemediationType> wantedTypes = new LinkedHashSet<>();
        types.forEach(t -> wantedTypes.add(errors.get(() -> Params.enumValue("type", RemediationType.class, t))));
        Boolean late = errors.get(() -> Params.bool("overdue", overdue));
        Set<String> wantedLabels = errors.get(() -> Params.labels("label", labels));
        Integer pageNumber = errors.get(() -> Params.intInRange("page", page, 0, 0, 10_000));
        Integer pageSize = errors.get(() -> Params.intInRange("size", size, 50, 1, 200));
        errors.check();
        wantedStatuses.remove(null);
        wantedTypes.remove(null);
        return catalogue.remediations(new ActionBoard.Filter(wantedStatuses, wantedTypes, Set.copyOf(organizations),
                Set.copyOf(owners), late, wantedLabels), LocalDate.now(ZoneOffset.UTC), pageNumber, pageSize);
    }
}
