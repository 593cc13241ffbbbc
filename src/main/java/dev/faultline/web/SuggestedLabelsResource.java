package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.query.related.LabelSuggester;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/incidents/{id}/suggested-labels}: labels the incident's nearest neighbours carry and it lacks. */
@Path("/api/incidents/{id}/suggested-labels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Related incidents")
@RolesAllowed(Role.READ)
public class SuggestedLabelsResource {

    private final LabelSuggester suggester;

    SuggestedLabelsResource(LabelSuggester suggester) {
        this.suggester = suggester;
    }

    @GET
    @Operation(summary = "Labels this incident probably lacks", description = """
            Labels its five nearest related incidents carry and it does not, each with a confidence (the share of
            the neighbours' related score that carries it) and the evidence: which neighbours, which of their facts.
            textOnly=true finds the neighbours from what the incident says, ignoring its own labels. Accept one with
            an ordinary root-cause or contributing-factor write.""")
    public dev.faultline.api.query.LabelSuggestions suggestedLabels(@PathParam("id") String id,
                                                                   @Parameter(description = "1–20, default 5") @QueryParam("size") String size,
                                                                   @Parameter(description = "0–1, default 0.2") @QueryParam("minConfidence") String minConfidence,
                                                                   @QueryParam("textOnly") boolean textOnly) {
        double min;
        try {
            min = minConfidence == null || minConfidence.isBlank() ? 0.2 : Double.parseDouble(minConfidence.strip());
        } catch (NumberFormatException e) {
            min = -1;
        }
        if (!(min >= 0 && min <= 1)) {
            throw new InvalidParameter("minConfidence", "must be a number from 0 to 1");
        }
        return suggester.suggest(id, Params.intInRange("size", size, 5, 1, 20), min, textOnly)
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "no incident " + id,
                        List.of(new Problem.FieldError("id", "not found")))));
    }

}
