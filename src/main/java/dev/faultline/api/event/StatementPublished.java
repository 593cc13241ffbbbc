package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Someone speaking for an organization said something in public. */
public record StatementPublished(
        String incidentId, String statementId, String speaker, String role, Instant publishedAt, TimePrecision precision,
        StatementChannel channel, String quote, String source, Confidence confidence) implements IncidentEvent {
}
