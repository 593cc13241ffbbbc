package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of PUT /api/incidents/{id}/root-causes/{rootCauseId}: the cause's full new content. */
public record RootCauseRevisionBody(
        String summary, List<String> labels, Instant identifiedAt, String source, Confidence confidence,
        String reason) {

    public ReviseRootCause toCommand(String incidentId, String rootCauseId, Long expectedVersion) {
        return new ReviseRootCause(incidentId, rootCauseId, summary, labels, identifiedAt, source, confidence,
                reason, expectedVersion);
    }
}
