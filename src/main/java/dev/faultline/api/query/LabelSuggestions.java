package dev.faultline.api.query;

import java.util.List;

/**
 * Labels an incident's nearest labelled neighbours carry and it lacks, each with its evidence.
 * Accepting one is an ordinary root-cause or contributing-factor write.
 */
public record LabelSuggestions(String incidentId, List<Suggestion> suggestions) {

    /** {@code confidence}: the share of the neighbours' weight (their related score) that carries the label. */
    public record Suggestion(String label, double confidence, List<Evidence> evidence) {
    }

    /** A neighbour carrying the label, and the fact of it the label is on. */
    public record Evidence(String incidentId, String organization, double score, String sentence) {
    }
}
