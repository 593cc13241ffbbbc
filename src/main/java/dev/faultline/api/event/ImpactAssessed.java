package dev.faultline.api.event;

import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** The impact was assessed; the latest assessment replaces earlier ones. */
public record ImpactAssessed(
        String incidentId, String description, List<String> affectedServices, List<ImpactFigure> figures,
        String source, Confidence confidence) implements IncidentEvent {
}
