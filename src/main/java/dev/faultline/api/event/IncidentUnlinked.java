package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** A link to another incident was removed. */
public record IncidentUnlinked(
        String incidentId, String otherIncidentId, LinkRelation relation) implements IncidentEvent {
}
