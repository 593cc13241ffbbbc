package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** An outage was declared: the facts that identify it. */
public record IncidentDeclared(
        String incidentId, String title, String organization, Severity severity, Instant startedAt,
        TimePrecision startPrecision,
        String summary, List<String> affectedServices, List<String> sources) implements IncidentEvent {
}
