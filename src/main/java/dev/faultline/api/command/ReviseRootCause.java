package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Restate a root cause; the previous statement stays in history. */
public record ReviseRootCause(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String rootCauseId,
        @NotBlank @Size(max = Limits.TEXT) String summary,
        @Size(max = 20) List<@NotNull @LabelName String> labels,
        Instant identifiedAt,
        @SourceUrl String source,
        Confidence confidence,
        @Size(max = Limits.REASON) String reason,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
