package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of PATCH /api/incidents/{id}: only the fields to change. */
public record ReviseDetailsBody(
        String title, String organization, Severity severity, Instant startedAt, TimePrecision startPrecision, String summary,
        List<String> affectedServices, List<String> sources) {

    public ReviseIncidentDetails toCommand(String incidentId, Long expectedVersion) {
        return new ReviseIncidentDetails(incidentId, title, organization, severity, startedAt, startPrecision, summary,
                affectedServices, sources, expectedVersion);
    }
}
