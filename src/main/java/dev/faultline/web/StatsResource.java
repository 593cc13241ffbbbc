package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.query.CatalogueStats;
import dev.faultline.query.pattern.PatternCatalogue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/stats}: figures over the whole catalogue. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patterns")
@RolesAllowed(Role.READ)
public class StatsResource {

    private final PatternCatalogue catalogue;

    StatsResource(PatternCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Catalogue statistics", description = """
            Incidents per year, severity and organization (the 30 most frequent); distributions (median, p90, n; nearest
            rank) of time to detect, time to mitigate and duration per severity and for the 20 patterns seen in the most
            organizations; the share of incidents (with a root cause) whose root cause was revised or whose first
            hypothesis was ruled out; and the time from resolution to the first root cause the knowledge base recorded
            (knowledge time: how long knowledge takes to settle). knownAt: as the knowledge base knew it then.""")
    public CatalogueStats stats(@QueryParam("knownAt") String knownAt) {
        return catalogue.stats(Params.instant("knownAt", knownAt));
    }
}
