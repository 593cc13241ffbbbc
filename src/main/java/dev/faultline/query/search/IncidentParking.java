package dev.faultline.query.search;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;

/**
 * Where the search projection parks the incidents whose document could not be written, until an
 * operator retries or skips them (the search group's dead-letter queue, kept by the infrastructure:
 * infra.axon.ParkedIncidents). One entry per incident, the earliest event its document lacks.
 */
public interface IncidentParking {

    /** Whether this incident has a parked event. */
    boolean contains(String incidentId);

    /** Parks the incident: {@code event} is the earliest one its document lacks, {@code cause} why it could not be written. */
    void park(String incidentId, EventMessage<?> event, Throwable cause);

    /**
     * Retries the parked incidents the filter picks: {@code write} re-folds and writes one and
     * returns its failure, if any; a failure keeps it parked with one attempt more.
     */
    boolean retry(Predicate<DeadLetter<? extends EventMessage<?>>> filter,
                  Function<String, Optional<RuntimeException>> write);
}
