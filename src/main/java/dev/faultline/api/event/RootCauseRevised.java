package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A root cause was restated; the event carries its full new content. */
public record RootCauseRevised(
        String incidentId, String rootCauseId, String summary, List<String> labels, Instant identifiedAt,
        String source, Confidence confidence, String reason) implements IncidentEvent {
}
