package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/remediations; {@code id} is generated when absent
 * ({@code actionId}, its former name, is still read; deprecated). */
public record RemediationBody(
        @JsonAlias("actionId") String id, String description, RemediationType type, String owner, LocalDate dueDate,
        String source, Confidence confidence) {

    public ProposeRemediation toCommand(String incidentId, Long expectedVersion) {
        return new ProposeRemediation(incidentId, Ids.orNew(id, "ra"), description, type, owner, dueDate,
                source, confidence, expectedVersion);
    }
}
