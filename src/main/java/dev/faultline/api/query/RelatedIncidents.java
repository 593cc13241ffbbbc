package dev.faultline.api.query;

import java.time.Instant;
import java.util.List;

/**
 * The incidents most like one incident, each with the reasons that make up its score: the score
 * is the sum of its reasons' weights, so every ranking can be explained from the answer alone.
 */
public record RelatedIncidents(String incidentId, Instant knownAt, List<Item> items) {

    public record Item(String id, String title, String organization, Instant startedAt, double score,
                       List<Reason> reasons) {
    }

    /** Why two incidents are related; {@code weight} is this reason's share of the score. */
    public record Reason(Kind kind, String detail, double weight) {
    }

    public enum Kind {
        /** An explicit link, in either direction. */
        LINK,
        /** Shared taxonomy labels or families, each weighted by how rare it is in the catalogue. */
        LABEL,
        /** Shared component labels: the same part of the system failed. */
        COMPONENT,
        /** Shared rare words in what says why it happened (root causes, factors, triggers, summary). */
        TEXT,
        /** Similar meaning of what says why it happened (sentence embeddings). */
        SEMANTIC
    }
}
