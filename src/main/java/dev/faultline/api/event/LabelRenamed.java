package dev.faultline.api.event;

/** A label got a new name ({@code merged}: the new name existed, and the two are one label now). */
public record LabelRenamed(String vocabularyId, String label, String newLabel, boolean merged) {
}
