package dev.faultline.api.command;

import dev.faultline.api.value.TimePrecision;
import java.time.Instant;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Move a remediation action along its life cycle; {@code at}: when it happened, if known (not before the incident started). */
public record ChangeRemediationStatus(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String actionId,
        @NotNull RemediationStatus status,
        @Size(max = Limits.REASON) String note,
        Instant at,
        TimePrecision precision,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
