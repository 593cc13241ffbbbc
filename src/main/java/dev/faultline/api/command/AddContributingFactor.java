package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Add a condition that made the outage worse or more likely. */
public record AddContributingFactor(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String factorId,
        @NotBlank @Size(max = Limits.TEXT) String text,
        @Size(max = 20) List<@NotNull @LabelName String> labels,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
