package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/contributing-factors; {@code id} is generated when absent
 * ({@code factorId}, its former name, is still read; deprecated). */
public record ContributingFactorBody(
        @JsonAlias("factorId") String id, String text, List<String> labels, String source, Confidence confidence) {

    public AddContributingFactor toCommand(String incidentId, Long expectedVersion) {
        return new AddContributingFactor(incidentId, Ids.orNew(id, "cf"), text, labels, source, confidence,
                expectedVersion);
    }
}
