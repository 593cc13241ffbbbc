package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Something happened during the outage, at incident time {@code at}. */
public record TimelineEntryRecorded(
        String incidentId, String entryId, Instant at, TimePrecision precision, EntryKind kind, String text,
        String source, Confidence confidence) implements IncidentEvent {
}
