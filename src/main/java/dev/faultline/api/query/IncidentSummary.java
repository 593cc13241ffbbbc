package dev.faultline.api.query;

import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;

/** One row of the incident catalogue (GET /api/incidents). */
public record IncidentSummary(String id, String title, String organization, Severity severity,
                              IncidentStatus status, Instant startedAt, Instant resolvedAt) {
}
