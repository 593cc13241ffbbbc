package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Rule a root cause out. */
public record RuleOutRootCause(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String rootCauseId,
        Instant ruledOutAt,
        @Size(max = Limits.REASON) String reason,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
