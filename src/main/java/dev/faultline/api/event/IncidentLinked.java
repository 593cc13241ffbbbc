package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** This incident was linked to another one. */
public record IncidentLinked(
        String incidentId, String otherIncidentId, LinkRelation relation, String note) implements IncidentEvent {
}
