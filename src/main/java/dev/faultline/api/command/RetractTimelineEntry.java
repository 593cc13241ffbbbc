package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Mark a timeline entry as wrong; it is kept in history. */
public record RetractTimelineEntry(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String entryId,
        @Size(max = Limits.REASON) String reason,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
