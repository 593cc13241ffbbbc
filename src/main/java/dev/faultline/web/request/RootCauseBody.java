package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/root-causes; {@code rootCauseId} is generated when absent. */
public record RootCauseBody(
        String rootCauseId, String summary, List<String> labels, Instant identifiedAt, String source,
        Confidence confidence) {

    public IdentifyRootCause toCommand(String incidentId, Long expectedVersion) {
        return new IdentifyRootCause(incidentId, Ids.orNew(rootCauseId, "rc"), summary, labels, identifiedAt,
                source, confidence, expectedVersion);
    }
}
