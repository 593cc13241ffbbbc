package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A timeline entry turned out to be wrong; it stays in history, marked retracted. */
public record TimelineEntryRetracted(
        String incidentId, String entryId, String reason) implements IncidentEvent {
}
