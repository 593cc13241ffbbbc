package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/resolution. */
public record ResolutionBody(
        Instant resolvedAt, TimePrecision precision, String how, String source, Confidence confidence) {

    public ResolveIncident toCommand(String incidentId, Long expectedVersion) {
        return new ResolveIncident(incidentId, resolvedAt, precision, how, source, confidence, expectedVersion);
    }
}
