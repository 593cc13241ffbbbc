package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A root cause was ruled out, at incident time {@code ruledOutAt} when known. */
public record RootCauseRuledOut(
        String incidentId, String rootCauseId, Instant ruledOutAt, String reason) implements IncidentEvent {
}
