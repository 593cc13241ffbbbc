package dev.faultline.api.command;

import dev.faultline.api.value.Storable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stores a new version of a custom postmortem template (Qute source, validated before it is
 * sent). {@code templateId} is {@code template:<name>}, so templates never share a stream with incidents.
 */
@Storable
public record UploadTemplate(
        @TargetAggregateIdentifier @NotBlank String templateId,
        @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{2,80}$") String name,
        @NotBlank @Size(max = UploadTemplate.MAX_SOURCE) String source) {

    public static final int MAX_SOURCE = 200_000;

    public static String idOf(String name) {
        return "template:" + name;
    }
}
