package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Declare the outage resolved (again, to restate when or how); no {@code resolvedAt}: over, the end time unknown. */
public record ResolveIncident(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        Instant resolvedAt,
        TimePrecision precision,
        @Size(max = Limits.TEXT) String how,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
