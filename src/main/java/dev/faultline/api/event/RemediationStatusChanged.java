package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A remediation action moved along PROPOSED → IN_PROGRESS → DONE | ABANDONED. */
public record RemediationStatusChanged(
        String incidentId, String actionId, RemediationStatus from, RemediationStatus to, String note) implements IncidentEvent {
}
