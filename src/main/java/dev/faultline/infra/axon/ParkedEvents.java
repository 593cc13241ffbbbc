package dev.faultline.infra.axon;

import dev.faultline.api.query.ParkedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The events one projection has parked (its dead-letter queue), and the operator's two ways out:
 * retry (apply the incident's parked events again, in order) and skip (drop one, then retry the
 * ones of its incident parked behind it). A parked event is named by its event identifier; its
 * sequence in the queue is its incident.
 */
public final class ParkedEvents {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final SequencedDeadLetterProcessor<EventMessage<?>> processor;

    ParkedEvents(SequencedDeadLetterQueue<EventMessage<?>> queue, SequencedDeadLetterProcessor<EventMessage<?>> processor) {
        this.queue = queue;
        this.processor = processor;
    }

    public long count() {
        return queue.size();
    }

    /** Every parked event, by global position. */
    public List<ParkedEvent> list() {
        List<ParkedEvent> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> incident : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : incident) {
                parked.add(view(letter));
            }
        }
        parked.sort(Comparator.comparing(ParkedEvent::position, Comparator.nullsLast(Comparator.naturalOrder())));
        return parked;
    }

    /**
     * Applies the parked events of this event's incident again, from the first; each one applied
     * leaves the queue, the first that fails stays with its attempts counted, and the ones behind it
     * too. Empty when no event with this id is parked; otherwise whether all of them were applied.
     */
    public Optional<Boolean> retry(String eventId) {
        return find(eventId).map(letter -> retryIncident(incidentId(letter)));
    }

    /**
     * Drops this parked event for good (the projection will not apply it), then retries the events
     * of its incident that were parked behind it. Empty when no event with this id is parked;
     * otherwise whether none of its incident stays parked.
     */
    public Optional<Boolean> skip(String eventId) {
        return find(eventId).map(letter -> {
            queue.evict(letter);
            String incident = incidentId(letter);
            return !queue.contains(incident) || retryIncident(incident);
        });
    }

    private boolean retryIncident(String incidentId) {
        return processor.process(first -> incidentId.equals(incidentId(first)));
    }

    private Optional<DeadLetter<? extends EventMessage<?>>> find(String eventId) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> incident : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : incident) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    return Optional.of(letter);
                }
            }
        }
        return Optional.empty();
    }

    private static ParkedEvent view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        OptionalLong position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position() : OptionalLong.empty();
        return new ParkedEvent(event.getIdentifier(), position.isPresent() ? position.getAsLong() : null,
                incidentId(letter), event.getPayloadType().getSimpleName(),
                letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched(),
                DeadLetterQueues.attempts(letter.diagnostics().get(DeadLetterQueues.ATTEMPTS)));
    }

    /** The incident of a parked event: its aggregate, which is also its sequence in the queue. */
    private static String incidentId(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }
}
