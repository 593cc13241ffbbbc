package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/root-causes; {@code id} is generated when absent
 * ({@code rootCauseId}, its former name, is still read; deprecated). */
public record RootCauseBody(
        @JsonAlias("rootCauseId") String id, String summary, List<String> labels, Instant identifiedAt, String source,
        Confidence confidence) {

    public IdentifyRootCause toCommand(String incidentId, Long expectedVersion) {
        return new IdentifyRootCause(incidentId, Ids.orNew(id, "rc"), summary, labels, identifiedAt,
                source, confidence, expectedVersion);
    }
}
