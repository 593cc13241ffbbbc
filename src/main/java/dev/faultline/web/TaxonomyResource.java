package dev.faultline.web;

import dev.faultline.api.query.TaxonomyView;
import dev.faultline.taxonomy.Taxonomy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/taxonomy}: the vocabulary root causes and contributing factors are labelled with. */
@Path("/api/taxonomy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Taxonomy")
public class TaxonomyResource {

    @GET
    @Operation(summary = "The root-cause taxonomy", description = """
            Dimensions (trigger, defect, spread, component, response, impact), each with its families and labels.
            A label is written dimension:label and has a description, synonyms and, for most, a family
            (trigger:change over config-change, data-change, ...) that patterns and filters roll up to.""")
    public TaxonomyView taxonomy() {
        return Taxonomy.standard().view();
    }
}
