package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A condition that made the outage worse or more likely. */
public record ContributingFactorAdded(
        String incidentId, String factorId, String text, List<String> labels, String source,
        Confidence confidence) implements IncidentEvent {
}
