package dev.faultline.api.command;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a custom postmortem template; its versions stay in the event store as history. */
public record DeleteTemplate(@TargetAggregateIdentifier @NotBlank String templateId) {
}
