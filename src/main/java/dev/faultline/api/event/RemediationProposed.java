package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** An action was proposed to mitigate, prevent, detect or change process. */
public record RemediationProposed(
        String incidentId, String actionId, String description, RemediationType type, String owner,
        LocalDate dueDate, String source, Confidence confidence) implements IncidentEvent {
}
