package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/statements; {@code id} is generated when absent
 * ({@code statementId}, its former name, is still read; deprecated). */
public record StatementBody(
        @JsonAlias("statementId") String id, String speaker, String role, Instant publishedAt, TimePrecision precision, StatementChannel channel,
        String quote, String source, Confidence confidence) {

    public PublishStatement toCommand(String incidentId, Long expectedVersion) {
        return new PublishStatement(incidentId, Ids.orNew(id, "s"), speaker, role, publishedAt, precision, channel,
                quote, source, confidence, expectedVersion);
    }
}
