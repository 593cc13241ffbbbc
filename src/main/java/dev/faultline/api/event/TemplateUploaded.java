package dev.faultline.api.event;

/** A version of a custom postmortem template was stored; versions count from 1 per template. */
public record TemplateUploaded(String templateId, String name, int version, String source) {
}
