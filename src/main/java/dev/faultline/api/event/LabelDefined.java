package dev.faultline.api.event;

import java.util.List;

/** A label was added to the taxonomy, or its description, synonyms or family changed. */
public record LabelDefined(String vocabularyId, String label, String description, List<String> synonyms, String family) {
}
