package dev.faultline.api.query;

import dev.faultline.api.value.*;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An incident as it stood at one moment: folded from its events, optionally only those that had
 * happened by incident time {@code asOf.at} and that the knowledge base had recorded by
 * {@code asOf.knownAt}.
 */
public record IncidentView(
        String id,
        long version,
        String title,
        String organization,
        Severity severity,
        IncidentStatus status,
        Instant startedAt,
        TimePrecision startPrecision,
        String summary,
        List<String> affectedServices,
        List<String> sources,
        List<TimelineEntry> timeline,
        List<Statement> statements,
        List<RootCause> rootCauses,
        List<ContributingFactor> contributingFactors,
        Impact impact,
        List<Remediation> remediations,
        Resolution resolution,
        List<Link> links,
        Derived derived,
        AsOf asOf,
        Instant declaredAt,
        Instant lastRecordedAt) {

    /** The moment this view shows; both null for the current state. */
    public record AsOf(Instant at, Instant knownAt) {
    }

    public record TimelineEntry(String id, Instant at, TimePrecision precision, EntryKind kind, String text,
                                String source, Confidence confidence, Instant recordedAt,
                                List<Revision> corrections, Retraction retracted) {
    }

    /** A previous content of a timeline entry, replaced by a correction recorded at {@code correctedAt}. */
    public record Revision(Instant at, EntryKind kind, String text, String source, Confidence confidence,
                           Instant correctedAt, String reason) {
    }

    public record Retraction(Instant recordedAt, String reason) {
    }

    public record Statement(String id, String speaker, String role, Instant publishedAt, TimePrecision precision,
                            StatementChannel channel,
                            String quote, String source, Confidence confidence) {
    }

    /** A root cause and where it stands ({@link RootCauseStatus}). */
    public record RootCause(String id, String summary, List<String> labels, Instant identifiedAt, String source,
                            Confidence confidence, RootCauseStatus status, RuledOut ruledOut, int revisions) {
    }

    public record RuledOut(Instant at, Instant recordedAt, String reason) {
    }

    public record ContributingFactor(String id, String text, List<String> labels, String source,
                                     Confidence confidence) {
    }

    public record Impact(String description, List<String> affectedServices, List<ImpactFigure> figures,
                         String source, Confidence confidence) {
    }

    public record Remediation(String id, String description, RemediationType type, String owner, LocalDate dueDate,
                              RemediationStatus status, String source, Confidence confidence,
                              Instant proposedAt, List<StatusChange> history) {
    }

    /** {@code at}: when it happened in the world (null: not given), {@code recordedAt}: when it was recorded. */
    public record StatusChange(RemediationStatus from, RemediationStatus to, Instant at, TimePrecision precision,
                               Instant recordedAt, String note) {
    }

    public record Resolution(Instant resolvedAt, TimePrecision precision, String how, String source, Confidence confidence) {
    }

    public record Link(String incidentId, LinkRelation relation, String note) {
    }

    /**
     * Figures computed from the timeline, never typed in. ISO-8601 durations; null when the
     * entries they need are missing. See docs/api.md for the definitions.
     */
    /** {@code resolvedAt}: the resolution's time, else the earliest standing RESOLUTION entry's. */
    public record Derived(Instant detectedAt, Instant mitigatedAt, Instant resolvedAt, Duration timeToDetect, Duration timeToMitigate,
                          Duration timeToResolve, Duration duration) {
    }
}
