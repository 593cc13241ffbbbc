package dev.faultline.api.command;

import dev.faultline.api.value.LabelName;
import dev.faultline.api.value.Limits;
import dev.faultline.api.value.Storable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a label to the taxonomy, or change its description, synonyms or family. The dimension must
 * exist; the family, when given, is one of that dimension's families (written without the dimension).
 */
@Storable
public record DefineLabel(
        @TargetAggregateIdentifier @NotNull String vocabularyId,
        @NotNull @LabelName String label,
        @NotBlank @Size(max = Limits.REASON) String description,
        @Size(max = Limits.LIST) List<@NotBlank @Size(max = Limits.NAME) String> synonyms,
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]*$") String family) {

    /** The one stream all taxonomy changes are recorded in. */
    public static final String VOCABULARY = "taxonomy";
}
