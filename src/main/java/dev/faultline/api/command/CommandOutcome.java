package dev.faultline.api.command;

/**
 * What a command did: the incident's version after it, and whether it recorded anything
 * ({@code false} when it repeated what was already known).
 */
public record CommandOutcome(String incidentId, long version, boolean changed) {
}
