package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** The outage was resolved at incident time {@code resolvedAt}; a later one restates it. */
public record IncidentResolved(
        String incidentId, Instant resolvedAt, TimePrecision precision, String how, String source, Confidence confidence) implements IncidentEvent {
}
