package dev.faultline.api.command;

import dev.faultline.api.value.*;
import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.*;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Remove links to another incident: the given relation, or all when it is null. */
public record UnlinkIncident(
        @TargetAggregateIdentifier @NotNull @Slug String incidentId,
        @NotNull @Slug String otherIncidentId,
        LinkRelation relation,
        @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
