package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Assess the impact; replaces any earlier assessment. */
public record AssessImpact(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotBlank @Size(max = Limits.LONG_TEXT) String description,
        @Size(max = Limits.LIST) List<@NotBlank @Size(max = Limits.NAME) String> affectedServices,
        @Size(max = Limits.LIST) List<@NotNull @Valid ImpactFigure> figures,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
