package dev.faultline.command;

import dev.faultline.api.command.CommandRejected;
import dev.faultline.api.command.DeleteTemplate;
import dev.faultline.api.command.UploadTemplate;
import dev.faultline.api.event.TemplateDeleted;
import dev.faultline.api.event.TemplateUploaded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A custom postmortem template: its versions are events. Uploading the same source again records
 * nothing; uploading after a delete starts a new version, never reuses a number.
 */
public class PostmortemTemplate {

    @AggregateIdentifier
    private String templateId;
    private int version;
    private String source;
    private boolean deleted;

    protected PostmortemTemplate() {
        // for Axon's event sourcing
    }

    /** Returns the template's version after the command. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(UploadTemplate c) {
        if (templateId != null && !deleted && c.source().equals(source)) {
            return version;
        }
        AggregateLifecycle.apply(new TemplateUploaded(c.templateId(), c.name(), version + 1, c.source()));
        return version;
    }

    @CommandHandler
    public int handle(DeleteTemplate c) {
        if (deleted) {
            throw CommandRejected.notFound("name", "no template " + c.templateId().substring("template:".length()));
        }
        AggregateLifecycle.apply(new TemplateDeleted(templateId, templateId.substring(templateId.indexOf(':') + 1), version));
        return version;
    }

    @EventSourcingHandler
    void on(TemplateUploaded e) {
        templateId = e.templateId();
        version = e.version();
        source = e.source();
        deleted = false;
    }

    @EventSourcingHandler
    void on(TemplateDeleted e) {
        deleted = true;
    }
}
