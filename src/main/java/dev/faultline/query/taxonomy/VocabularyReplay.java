package dev.faultline.query.taxonomy;

import dev.faultline.api.command.DefineLabel;
import dev.faultline.api.event.LabelDefined;
import dev.faultline.api.event.LabelRenamed;
import dev.faultline.taxonomy.Taxonomy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Keeps this process's current taxonomy ({@link Taxonomy#current()}) equal to the bundled file plus
 * the vocabulary stream's events: replayed at start, and again after each change made here. Every
 * read model reads labels through it, so a renamed label shows its new name everywhere.
 */
@ApplicationScoped
public class VocabularyReplay {

    private final EventStore events;

    VocabularyReplay(EventStore events) {
        this.events = events;
    }

    /** After Axon has started (priority 100), before the first request. */
    void onStart(@Observes @Priority(200) StartupEvent event) {
        refresh();
    }

    /** Replays the vocabulary stream and makes the result current; returns it. */
    public synchronized Taxonomy refresh() {
        Taxonomy taxonomy = Taxonomy.standard();
        DomainEventStream stream = events.readEvents(DefineLabel.VOCABULARY);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof LabelDefined defined) {
                taxonomy = taxonomy.with(defined);
            } else if (payload instanceof LabelRenamed renamed) {
                taxonomy = taxonomy.with(renamed);
            }
        }
        Taxonomy.use(taxonomy);
        return taxonomy;
    }
}
