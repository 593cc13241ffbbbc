package dev.faultline.api.command;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Bring an incident to the state an imported document describes: the same commands the REST API
 * would send, applied in order by the aggregate in one unit of work — all or nothing. The first
 * may be a {@link DeclareIncident} when the incident is new. The importer validates every
 * command before sending this one.
 */
public record ApplyIncidentDocument(@TargetAggregateIdentifier @NotNull String incidentId,
                                    @NotNull List<IncidentCommand> commands) implements IncidentCommand {
}
