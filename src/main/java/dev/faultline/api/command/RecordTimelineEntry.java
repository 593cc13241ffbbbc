package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record something that happened during the outage. */
public record RecordTimelineEntry(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String entryId,
        @NotNull Instant at,
        TimePrecision precision,
        @NotNull EntryKind kind,
        @NotBlank @Size(max = Limits.TEXT) String text,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
