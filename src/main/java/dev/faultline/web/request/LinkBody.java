package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/**
 * Body of POST /api/incidents/{id}/links: {@code incidentId} is the other incident, as in the view and
 * in documents ({@code otherIncidentId}, its former name, is still read; deprecated).
 */
public record LinkBody(
        @JsonAlias("otherIncidentId") String incidentId, LinkRelation relation, String note) {

    public LinkIncident toCommand(String ownId, Long expectedVersion) {
        return new LinkIncident(ownId, incidentId, relation, note, expectedVersion);
    }
}
