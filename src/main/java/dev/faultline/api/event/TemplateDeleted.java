package dev.faultline.api.event;

/** A custom postmortem template was deleted (its last version was {@code version}). */
public record TemplateDeleted(String templateId, String name, int version) {
}
