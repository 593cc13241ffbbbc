package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/links. */
public record LinkBody(
        String otherIncidentId, LinkRelation relation, String note) {

    public LinkIncident toCommand(String incidentId, Long expectedVersion) {
        return new LinkIncident(incidentId, otherIncidentId, relation, note, expectedVersion);
    }
}
