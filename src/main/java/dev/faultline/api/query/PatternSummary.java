package dev.faultline.api.query;

import java.time.Instant;
import java.util.List;

/**
 * A recurring pattern: a label, a family, or a combination of two or three labels from different
 * dimensions, seen in at least {@code minOrganizations} organizations. {@code remediation} counts the
 * actions its incidents announced, by current status.
 */
public record PatternSummary(String key, String kind, List<String> labels, int incidents, int organizations,
                             List<String> organizationNames, Instant firstSeen, Instant lastSeen,
                             List<YearCount> perYear, Durations durations, Remediation remediation) {

    public record YearCount(int year, int count) {
    }

    /** Time to detect, time to mitigate, and duration (start to end). */
    public record Durations(Distribution detect, Distribution mitigate, Distribution duration) {
    }

    /** Actions by status: {@code proposed} counts all that were announced; {@code open} those not done nor abandoned. */
    public record Remediation(int proposed, int open, int done, int abandoned) {
    }
}
