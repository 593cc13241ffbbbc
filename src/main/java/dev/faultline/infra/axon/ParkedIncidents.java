package dev.faultline.infra.axon;

import dev.faultline.query.search.IncidentParking;
import dev.faultline.query.search.SearchProjection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The incidents whose search document could not be written, parked in the search projection's
 * dead-letter queue until an operator retries or skips them. One entry per incident, the earliest
 * event its document lacks: a document is re-folded from the incident's whole stream, so a retry
 * writes every later event too, and until then none of them is written out of order.
 * <p>
 * Why not Axon's dead-lettering invoker, as the catalogue uses: the search projection's handler
 * only notes which incident changed; documents are written when the batch commits, or later by
 * the flusher, where the invoker sees no failure.
 */
@ApplicationScoped
class ParkedIncidents implements IncidentParking {

    private final DeadLetterQueues queues;
    /** Incidents that may be parked: checked against the queue before use (a skip removes them there). */
    private volatile Set<String> mayBeParked;

    ParkedIncidents(DeadLetterQueues queues) {
        this.queues = queues;
    }

    /** Whether this incident has a parked event (one query, only for incidents parked lately). */
    @Override
    public boolean contains(String incidentId) {
        Set<String> ids = ids();
        if (!ids.contains(incidentId)) {
            return false;
        }
        if (queue().contains(incidentId)) {
            return true;
        }
        ids.remove(incidentId); // skipped
        return false;
    }

    /** Parks the incident: {@code event} is the earliest one its document lacks, {@code cause} why it could not be written. */
    @Override
    public void park(String incidentId, EventMessage<?> event, Throwable cause) {
        if (contains(incidentId)) {
            return;
        }
        queue().enqueue(incidentId, new GenericDeadLetter<>(incidentId, event, cause)
                .withDiagnostics(MetaData.with(DeadLetterQueues.ATTEMPTS, 1L)));
        ids().add(incidentId);
    }

    /**
     * Retries the parked incidents the filter picks: {@code write} re-folds and writes one and
     * returns its failure, if any; a failure keeps it parked with one attempt more.
     */
    @Override
    public boolean retry(Predicate<DeadLetter<? extends EventMessage<?>>> filter,
                  Function<String, Optional<RuntimeException>> write) {
        return queue().process(filter, letter -> {
            String incidentId = ((DomainEventMessage<?>) letter.message()).getAggregateIdentifier();
            Optional<RuntimeException> failure = write.apply(incidentId);
            if (failure.isPresent()) {
                return DeadLetterQueues.countingAttempts().decide(letter, failure.get());
            }
            ids().remove(incidentId);
            return Decisions.evict();
        });
    }

    private Set<String> ids() {
        Set<String> ids = mayBeParked;
        if (ids == null) {
            synchronized (this) {
                if (mayBeParked == null) {
                    Set<String> loaded = ConcurrentHashMap.newKeySet();
                    for (Iterable<DeadLetter<? extends EventMessage<?>>> incident : queue().deadLetters()) {
                        incident.forEach(letter -> loaded.add(
                                ((DomainEventMessage<?>) letter.message()).getAggregateIdentifier()));
                    }
                    mayBeParked = loaded;
                }
                ids = mayBeParked;
            }
        }
        return ids;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return queues.queue(SearchProjection.GROUP);
    }
}
