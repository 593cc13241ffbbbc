package dev.faultline.api.query;

import dev.faultline.api.event.IncidentEvent;
import java.time.Instant;

/**
 * One stored event of an incident, with where it sits in the store and who recorded it.
 * {@code sequence} is its number in the incident's stream (the incident's version after it);
 * {@code position} is its global index in the event store.
 */
public record RecordedEvent(String type, long sequence, long position, Instant recordedAt, String actor,
                            String via, String correlationId, IncidentEvent payload) {
}
