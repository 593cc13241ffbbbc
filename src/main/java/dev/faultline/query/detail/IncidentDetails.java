package dev.faultline.query.detail;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.query.history.IncidentEventStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Answers "what did we know about this incident", now or as of an incident or knowledge time. */
@ApplicationScoped
public class IncidentDetails {

    private final IncidentEventStream events;

    IncidentDetails(IncidentEventStream events) {
        this.events = events;
    }

    /** Empty if there is no such incident, or nothing of it had been recorded by {@code knownAt}. */
    public Optional<IncidentView> find(String incidentId, Instant at, Instant knownAt) {
        return events.read(incidentId).flatMap(stream -> IncidentFolder.fold(stream, at, knownAt));
    }

    public boolean exists(String incidentId) {
        return events.read(incidentId).isPresent();
    }

    /** The incident's events, those recorded by {@code knownAt} when given. */
    public Optional<List<RecordedEvent>> history(String incidentId, Instant knownAt) {
        return events.read(incidentId)
                .map(stream -> stream.stream().filter(e -> knownAt == null || !e.recordedAt().isAfter(knownAt)).toList())
                .filter(list -> !list.isEmpty());
    }
}
