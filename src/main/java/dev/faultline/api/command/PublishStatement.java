package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record what a spokesperson of an organization said in public. */
public record PublishStatement(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String statementId,
        @NotBlank @Size(max = Limits.NAME) String speaker,
        @Size(max = Limits.NAME) String role,
        Instant publishedAt,
        TimePrecision precision,
        @NotNull StatementChannel channel,
        @NotBlank @Size(max = Limits.TEXT) String quote,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
