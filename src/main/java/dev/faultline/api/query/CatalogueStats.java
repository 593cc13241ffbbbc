package dev.faultline.api.query;

import java.util.List;
import java.util.Map;

/**
 * Figures over the whole catalogue. {@code causeRevised}: incidents whose root cause was revised or
 * whose first hypothesis was ruled out, among those with a root cause. {@code resolutionToFirstCause}:
 * from resolution to the first root cause the knowledge base recorded (knowledge time), for incidents
 * with both; zero when the cause was recorded before the resolution.
 */
public record CatalogueStats(int incidents, Map<Integer, Integer> perYear, Map<String, Integer> perSeverity,
                             Map<String, Integer> perOrganization, Map<String, PatternSummary.Durations> durationsBySeverity,
                             List<PatternDurations> durationsByPattern, Share causeRevised, Share firstHypothesisRuledOut,
                             Distribution resolutionToFirstCause) {

    public record Share(int count, int of, double share) {
    }

    public record PatternDurations(String pattern, PatternSummary.Durations durations) {
    }
}
