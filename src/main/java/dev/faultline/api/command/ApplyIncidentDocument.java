package dev.faultline.api.command;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Bring an incident to the state an imported document describes: the same commands the REST API
 * would send, applied in order by the aggregate in one unit of work — all or nothing. The first
 * may be a {@link DeclareIncident} when the incident is new. The importer validates every
 * command before sending this one, and names the version it planned from: {@code expectedVersion}
 * (null for a new incident). If another write came in between, the document is refused rather than
 * applied on top of a state it was not planned for.
 */
public record ApplyIncidentDocument(@TargetAggregateIdentifier @NotNull String incidentId,
                                    @NotNull List<IncidentCommand> commands,
                                    @TargetAggregateVersion Long expectedVersion) implements IncidentCommand {
}
