package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of PUT /api/incidents/{id}/impact: the whole assessment. */
public record ImpactBody(
        String description, List<String> affectedServices, List<ImpactFigure> figures, String source,
        Confidence confidence) {

    public AssessImpact toCommand(String incidentId, Long expectedVersion) {
        return new AssessImpact(incidentId, description, affectedServices, figures, source, confidence,
                expectedVersion);
    }
}
