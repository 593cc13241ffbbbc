package dev.faultline.command;

import dev.faultline.api.command.CommandRejected;
import dev.faultline.api.command.DefineLabel;
import dev.faultline.api.command.RenameLabel;
import dev.faultline.api.event.LabelDefined;
import dev.faultline.api.event.LabelRenamed;
import dev.faultline.taxonomy.Taxonomy;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The taxonomy's changes since the bundled file: labels defined, renamed and merged are events of
 * one stream ({@code taxonomy}), so the vocabulary grows without a new jar and every read model can
 * replay it. The same definition twice records nothing.
 */
public class Vocabulary {

    @AggregateIdentifier
    private String vocabularyId;
    private Taxonomy taxonomy = Taxonomy.standard();

    protected Vocabulary() {
        // for Axon's event sourcing
    }

    /** Returns whether anything was recorded. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(DefineLabel c) {
        String dimension = c.label().substring(0, c.label().indexOf(':'));
        if (!taxonomy.dimensions().containsKey(dimension)) {
            throw CommandRejected.invalid("label", "no dimension '" + dimension + "'; dimensions: "
                    + String.join(", ", taxonomy.dimensions().keySet()));
        }
        if (c.family() != null && !taxonomy.hasFamily(dimension, c.family())) {
            throw CommandRejected.invalid("family", "no family '" + c.family() + "' in dimension " + dimension
                    + "; families: " + String.join(", ", taxonomy.dimensions().get(dimension).families().keySet()));
        }
        List<String> synonyms = c.synonyms() == null ? List.of() : List.copyOf(c.synonyms());
        boolean same = taxonomy.label(c.label()).map(l -> Objects.equals(l.family(), c.family())
                && Objects.equals(l.description(), c.description())
                && Objects.equals(l.synonyms() == null ? List.of() : l.synonyms(), synonyms)).orElse(false);
        if (same) {
            return false;
        }
        AggregateLifecycle.apply(new LabelDefined(c.vocabularyId(), c.label(), c.description(), synonyms, c.family()));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RenameLabel c) {
        if (taxonomy.label(c.label()).isEmpty()) {
            String now = taxonomy.canonical(c.label());
            if (!now.equals(c.label()) && now.equals(c.newLabel())) {
                return false; // renamed so already
            }
            throw CommandRejected.notFound("label", "no label " + c.label()
                    + (now.equals(c.label()) ? "" : " (it was renamed to " + now + ")"));
        }
        if (c.label().equals(c.newLabel())) {
            throw CommandRejected.invalid("newLabel", "is the label's own name");
        }
        String dimension = c.label().substring(0, c.label().indexOf(':'));
        if (!c.newLabel().startsWith(dimension + ":")) {
            throw CommandRejected.invalid("newLabel", "must stay in dimension " + dimension);
        }
        boolean exists = taxonomy.contains(c.newLabel());
        if (exists && !c.merge()) {
            throw CommandRejected.conflict("newLabel", c.newLabel() + " exists; merge into it with \"merge\": true");
        }
        if (!exists && c.merge()) {
            throw CommandRejected.notFound("newLabel", "no label " + c.newLabel() + " to merge into");
        }
        AggregateLifecycle.apply(new LabelRenamed(c.vocabularyId(), c.label(), c.newLabel(), exists));
        return true;
    }

    @EventSourcingHandler
    void on(LabelDefined e) {
        vocabularyId = e.vocabularyId();
        taxonomy = taxonomy.with(e);
    }

    @EventSourcingHandler
    void on(LabelRenamed e) {
        vocabularyId = e.vocabularyId();
        taxonomy = taxonomy.with(e);
    }
}
