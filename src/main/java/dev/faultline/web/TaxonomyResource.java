package dev.faultline.web;

import dev.faultline.security.Caller;
import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.api.command.DefineLabel;
import dev.faultline.api.command.RenameLabel;
import dev.faultline.api.query.TaxonomyView;
import dev.faultline.api.command.Recording;
import dev.faultline.query.search.IndexRebuild;
import dev.faultline.query.taxonomy.VocabularyReplay;
import dev.faultline.taxonomy.Taxonomy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/taxonomy}: the vocabulary root causes and contributing factors are labelled with,
 * extended by events — a label defined, renamed or merged is recorded in the {@code taxonomy} stream.
 */
@Path("/api/taxonomy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Taxonomy")
@RolesAllowed(Role.READ)
public class TaxonomyResource {

    /** Body of {@code PUT /api/taxonomy/labels/{label}}. */
    public record LabelBody(String description, List<String> synonyms, String family) {
    }

    /** Body of {@code POST /api/taxonomy/labels/{label}/rename}. */
    public record RenameBody(String newLabel, Boolean merge) {
    }

    private final CommandGateway commands;
    private final VocabularyReplay vocabulary;
    private final IndexRebuild rebuild;
    private final Caller caller;

    TaxonomyResource(CommandGateway commands, VocabularyReplay vocabulary, IndexRebuild rebuild, Caller caller) {
        this.caller = caller;
        this.commands = commands;
        this.vocabulary = vocabulary;
        this.rebuild = rebuild;
    }

    @GET
    @Operation(summary = "The root-cause taxonomy", description = """
            Dimensions (trigger, defect, spread, component, response, impact), each with its families and labels.
            A label is written dimension:label and has a description, synonyms and, for most, a family
            (trigger:change over config-change, data-change, ...) that patterns and filters roll up to.
            `renamed` maps old names of renamed or merged labels to the name each goes by now.""")
    public TaxonomyView taxonomy() {
        return Taxonomy.current().view();
    }

    @PUT

    @RolesAllowed(Role.ADMINISTER)
    @Path("/labels/{label}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a label, or change its description, synonyms or family", description = """
            The dimension must exist; family names one of its families (without the dimension). Recorded as an
            event: no rebuild of the jar. The same definition again records nothing.""")
    public Response define(@PathParam("label") String label, LabelBody body) {
        LabelBody given = body == null ? new LabelBody(null, null, null) : body;
        boolean existed = Taxonomy.current().contains(label);
        send(new DefineLabel(DefineLabel.VOCABULARY, label, given.description(), given.synonyms(), given.family()));
        TaxonomyView.Label defined = labelView(label);
        return (existed ? Response.ok() : Locations.created("/api/taxonomy")).entity(defined).build();
    }

    @POST

    @RolesAllowed(Role.ADMINISTER)
    @Path("/labels/{label}/rename")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a label, or merge it into another", description = """
            {"newLabel": "defect:latent-defect"} renames; {"newLabel": "...", "merge": true} merges into an existing
            label, whose synonyms then include the old name. Facts recorded under the old name show the new name in
            every read model (the search index is rebuilt beside the serving one); writes with the old name are
            recorded under the new one.""")
    public TaxonomyView.Label rename(@PathParam("label") String label, RenameBody body) {
        RenameBody given = body == null ? new RenameBody(null, null) : body;
        boolean changed = send(new RenameLabel(DefineLabel.VOCABULARY, label, given.newLabel(),
                Boolean.TRUE.equals(given.merge())));
        if (changed) {
            rebuild.start("label " + label + " renamed to " + given.newLabel());
        }
        return labelView(given.newLabel());
    }

    private boolean send(Object command) {
        Boolean changed = commands.sendAndWait(new GenericCommandMessage<>(command,
                org.axonframework.messaging.MetaData.from(Recording.of(caller.actor(), "api", null))));
        vocabulary.refresh();
        return Boolean.TRUE.equals(changed);
    }

    private static TaxonomyView.Label labelView(String label) {
        return Taxonomy.current().view().dimensions().stream().flatMap(d -> d.labels().stream())
                .filter(l -> l.label().equals(label)).findFirst().orElse(null);
    }
}
