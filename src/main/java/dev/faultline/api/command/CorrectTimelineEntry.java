package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replace a timeline entry's content; the previous content stays in history. */
public record CorrectTimelineEntry(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String entryId,
        @NotNull Instant at,
        TimePrecision precision,
        @NotNull EntryKind kind,
        @NotBlank @Size(max = Limits.TEXT) String text,
        @SourceUrl String source,
        Confidence confidence,
        @Size(max = Limits.REASON) String reason,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
