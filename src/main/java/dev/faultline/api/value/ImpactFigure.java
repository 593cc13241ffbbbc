package dev.faultline.api.value;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One measured figure of an incident's impact, e.g. {@code "HTTP 5xx share" = "~20% of traffic"}. */
public record ImpactFigure(
        @NotBlank @Size(max = Limits.NAME) String name,
        @NotBlank @Size(max = Limits.NAME) String value) {
}
