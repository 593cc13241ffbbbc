package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/contributing-factors; {@code factorId} is generated when absent. */
public record ContributingFactorBody(
        String factorId, String text, List<String> labels, String source, Confidence confidence) {

    public AddContributingFactor toCommand(String incidentId, Long expectedVersion) {
        return new AddContributingFactor(incidentId, Ids.orNew(factorId, "cf"), text, labels, source, confidence,
                expectedVersion);
    }
}
