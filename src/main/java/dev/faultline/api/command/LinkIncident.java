package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Link this incident to another one. */
public record LinkIncident(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String otherIncidentId,
        @NotNull LinkRelation relation,
        @Size(max = Limits.REASON) String note,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
