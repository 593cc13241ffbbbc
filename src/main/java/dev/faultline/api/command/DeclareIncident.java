package dev.faultline.api.command;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.faultline.api.value.*;
import jakarta.validation.constraints.*;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare a new incident under a readable id such as {@code cloudflare-2025-11-18}. */
public record DeclareIncident(
        // one name for an incident's id everywhere: {@code id}, as in the view and in documents
        @TargetAggregateIdentifier @NotNull @Slug @JsonProperty("id") @JsonAlias("incidentId") String incidentId,
        @NotBlank @Size(max = Limits.TITLE) String title,
        @NotBlank @Size(max = Limits.NAME) String organization,
        @NotNull Severity severity,
        @NotNull Instant startedAt,
        TimePrecision startPrecision,
        @Size(max = Limits.LONG_TEXT) String summary,
        @Size(max = Limits.LIST) List<@NotBlank @Size(max = Limits.NAME) String> affectedServices,
        @Size(max = Limits.LIST) List<@NotNull @SourceUrl String> sources) implements IncidentCommand {
}
