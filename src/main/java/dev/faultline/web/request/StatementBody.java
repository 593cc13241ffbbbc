package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/statements; {@code statementId} is generated when absent. */
public record StatementBody(
        String statementId, String speaker, String role, Instant publishedAt, TimePrecision precision, StatementChannel channel,
        String quote, String source, Confidence confidence) {

    public PublishStatement toCommand(String incidentId, Long expectedVersion) {
        return new PublishStatement(incidentId, Ids.orNew(statementId, "s"), speaker, role, publishedAt, precision, channel,
                quote, source, confidence, expectedVersion);
    }
}
