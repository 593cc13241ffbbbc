package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/remediations; {@code actionId} is generated when absent. */
public record RemediationBody(
        String actionId, String description, RemediationType type, String owner, LocalDate dueDate,
        String source, Confidence confidence) {

    public ProposeRemediation toCommand(String incidentId, Long expectedVersion) {
        return new ProposeRemediation(incidentId, Ids.orNew(actionId, "ra"), description, type, owner, dueDate,
                source, confidence, expectedVersion);
    }
}
