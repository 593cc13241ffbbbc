package dev.faultline.api.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.api.value.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One incident as a file (YAML or JSON): the shape of {@code GET /api/incidents/{id}} without its
 * derived fields (version, derived figures, record times, correction history). Importing a
 * document turns it into the same commands the REST API issues; exporting an incident gives one
 * back. Schema: {@code seed-incidents/schema.json}; guide: docs/import.md.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IncidentDocument(
        String id,
        String title,
        String organization,
        Severity severity,
        Instant startedAt,
        TimePrecision startPrecision,
        String summary,
        List<String> affectedServices,
        List<String> sources,
        List<Entry> timeline,
        List<Statement> statements,
        List<RootCause> rootCauses,
        List<Factor> contributingFactors,
        Impact impact,
        List<Remediation> remediations,
        Resolution resolution,
        List<Link> links) {

    /** A timeline entry; {@code retracted} marks one known to be wrong (it stays in history). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entry(String id, Instant at, TimePrecision precision, EntryKind kind, String text, String source,
                        Confidence confidence, Retraction retracted) {
    }

    public record Retraction(String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Statement(String id, String speaker, String role, Instant publishedAt, TimePrecision precision,
                            StatementChannel channel, String quote, String source, Confidence confidence) {
    }

    /** A root cause or hypothesis; {@code ruledOut} when it was ruled out (at an incident time, if known). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RootCause(String id, String summary, List<String> labels, Instant identifiedAt, String source,
                            Confidence confidence, RuledOut ruledOut) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RuledOut(Instant at, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Factor(String id, String text, List<String> labels, String source, Confidence confidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Impact(String description, List<String> affectedServices, List<ImpactFigure> figures, String source,
                         Confidence confidence) {
    }

    /** A remediation action and where it stands; the importer moves it there through its life cycle. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    /** {@code statusAt}: when the action reached {@code status}, if known. */
    public record Remediation(String id, String description, RemediationType type, String owner, LocalDate dueDate,
                              RemediationStatus status, Instant statusAt, TimePrecision statusPrecision, String source,
                              Confidence confidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Resolution(Instant resolvedAt, TimePrecision precision, String how, String source,
                             Confidence confidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String incidentId, LinkRelation relation, String note) {
    }
}
