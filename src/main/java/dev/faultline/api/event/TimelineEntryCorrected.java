package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A timeline entry was corrected; the event carries the entry's full new content. */
public record TimelineEntryCorrected(
        String incidentId, String entryId, Instant at, TimePrecision precision, EntryKind kind, String text,
        String source, Confidence confidence, String reason) implements IncidentEvent {
}
