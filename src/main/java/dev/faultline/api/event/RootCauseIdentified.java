package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A root cause (or a hypothesis of one) was put forward at incident time {@code identifiedAt}. */
public record RootCauseIdentified(
        String incidentId, String rootCauseId, String summary, List<String> labels, Instant identifiedAt,
        String source, Confidence confidence) implements IncidentEvent {
}
