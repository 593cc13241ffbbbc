package dev.faultline.web.request;

import dev.faultline.api.value.TimePrecision;
import java.time.Instant;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of PATCH /api/incidents/{id}/remediations/{actionId}. */
public record RemediationStatusBody(
        RemediationStatus status, String note, Instant at, TimePrecision precision) {

    public ChangeRemediationStatus toCommand(String incidentId, String actionId, Long expectedVersion) {
        return new ChangeRemediationStatus(incidentId, actionId, status, note, at, precision, expectedVersion);
    }
}
