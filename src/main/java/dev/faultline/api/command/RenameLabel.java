package dev.faultline.api.command;

import dev.faultline.api.value.LabelName;
import dev.faultline.api.value.Storable;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename a label, or merge it into another: with {@code merge} the new name must exist already and
 * the old one becomes its synonym; without it, the new name must be free. Facts recorded under the
 * old name show the new one in every read model; writes under the old name are recorded under the new.
 */
@Storable
public record RenameLabel(
        @TargetAggregateIdentifier @NotNull String vocabularyId,
        @NotNull @LabelName String label,
        @NotNull @LabelName String newLabel,
        boolean merge) {
}
