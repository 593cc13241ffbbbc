package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Propose an action to mitigate, prevent, detect or change process. */
public record ProposeRemediation(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String actionId,
        @NotBlank @Size(max = Limits.TEXT) String description,
        @NotNull RemediationType type,
        @Size(max = Limits.NAME) String owner,
        LocalDate dueDate,
        @SourceUrl String source,
        Confidence confidence,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
