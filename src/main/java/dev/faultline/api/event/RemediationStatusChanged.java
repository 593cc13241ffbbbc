package dev.faultline.api.event;

import dev.faultline.api.value.TimePrecision;
import java.time.Instant;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/**
 * A remediation action moved along PROPOSED → IN_PROGRESS → DONE | ABANDONED. {@code at}: when it
 * happened in the world, with its precision, when the writer knew it (null in events recorded before
 * it existed, and when not given); the event's own timestamp is when it was recorded.
 */
public record RemediationStatusChanged(
        String incidentId, String actionId, RemediationStatus from, RemediationStatus to, String note,
        Instant at, TimePrecision precision) implements IncidentEvent {
}
