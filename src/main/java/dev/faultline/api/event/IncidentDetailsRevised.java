package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Some declaration facts were revised; a null field was left unchanged. */
public record IncidentDetailsRevised(
        String incidentId, String title, String organization, Severity severity, Instant startedAt,
        TimePrecision startPrecision,
        String summary, List<String> affectedServices, List<String> sources) implements IncidentEvent {
}
