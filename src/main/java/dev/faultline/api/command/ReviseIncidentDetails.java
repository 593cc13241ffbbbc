package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Revise declaration facts; null fields stay as they are. */
public record ReviseIncidentDetails(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @Size(min = 1, max = Limits.TITLE) String title,
        @Size(min = 1, max = Limits.NAME) String organization,
        Severity severity,
        Instant startedAt,
        TimePrecision startPrecision,
        @Size(max = Limits.LONG_TEXT) String summary,
        @Size(max = Limits.LIST) List<@NotBlank @Size(max = Limits.NAME) String> affectedServices,
        @Size(max = Limits.LIST) List<@NotNull @SourceUrl String> sources,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
