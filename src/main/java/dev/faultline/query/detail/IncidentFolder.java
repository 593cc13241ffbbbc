package dev.faultline.query.detail;

import dev.faultline.api.value.RootCauseStatus;
import dev.faultline.api.event.*;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.IncidentView.*;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.value.EntryKind;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.RemediationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Folds an incident's events into the view of it at one moment, on both time axes:
 * {@code knownAt} keeps only events recorded by then (knowledge time); {@code at} keeps only facts
 * that had happened by then in the outage (incident time). A fact without an incident time (a
 * contributing factor, a remediation, a cause with no identifiedAt) counts as known once the
 * incident was resolved, so {@code ?at=} during the outage shows only what was known then.
 * A pure function: no I/O, the same events always give the same view.
 */
public final class IncidentFolder {

    private IncidentFolder() {
    }

    /** Empty when nothing about the incident had been recorded by {@code knownAt}. */
    public static Optional<IncidentView> fold(List<RecordedEvent> events, Instant at, Instant knownAt) {
        State state = new State();
        for (RecordedEvent event : events) {
            if (knownAt != null && event.recordedAt().isAfter(knownAt)) {
                break;
            }
            state.apply(event);
        }
        if (state.declared == null) {
            return Optional.empty();
        }
        return Optional.of(state.view(at, knownAt));
    }

    /** Mutable fold state; lives only for one fold. */
    private static final class State {
        IncidentDeclared declared;
        long version;
        Instant declaredAt;
        Instant lastRecordedAt;
        final Map<String, TimelineEntry> timeline = new LinkedHashMap<>();
        final Map<String, Statement> statements = new LinkedHashMap<>();
        final Map<String, RootCause> rootCauses = new LinkedHashMap<>();
        final Map<String, ContributingFactor> factors = new LinkedHashMap<>();
        final Map<String, Remediation> remediations = new LinkedHashMap<>();
        final Map<String, Link> links = new LinkedHashMap<>();
        Impact impact;
        Resolution resolution;

        void apply(RecordedEvent recorded) {
            version = recorded.sequence();
            lastRecordedAt = recorded.recordedAt();
            Instant when = recorded.recordedAt();
            IncidentEvent payload = recorded.payload();
            if (payload instanceof IncidentDeclared e) {
                declared = e;
                declaredAt = when;
            } else if (payload instanceof IncidentDetailsRevised e) {
                declared = new IncidentDeclared(e.incidentId(),
                        or(e.title(), declared.title()), or(e.organization(), declared.organization()),
                        or(e.severity(), declared.severity()), or(e.startedAt(), declared.startedAt()),
                        or(e.startPrecision(), declared.startPrecision()),
                        or(e.summary(), declared.summary()), or(e.affectedServices(), declared.affectedServices()),
                        or(e.sources(), declared.sources()));
            } else if (payload instanceof TimelineEntryRecorded e) {
                timeline.put(e.entryId(), new TimelineEntry(e.entryId(), e.at(),
                        e.precision(), e.kind(), e.text(), e.source(), e.confidence(), when, List.of(), null));
            } else if (payload instanceof TimelineEntryCorrected e) {
                timeline.computeIfPresent(e.entryId(), (id, old) -> {
                    List<Revision> corrections = new ArrayList<>(old.corrections());
                    corrections.add(new Revision(old.at(), old.kind(), old.text(), old.source(), old.confidence(),
                            when, e.reason()));
                    return new TimelineEntry(id, e.at(), e.precision(), e.kind(), e.text(), e.source(),
                            e.confidence(), old.recordedAt(), List.copyOf(corrections), null);
                });
            } else if (payload instanceof TimelineEntryRetracted e) {
                timeline.computeIfPresent(e.entryId(), (id, old) ->
                        new TimelineEntry(id, old.at(), old.precision(), old.kind(), old.text(), old.source(),
                                old.confidence(), old.recordedAt(), old.corrections(), new Retraction(when, e.reason())));
            } else if (payload instanceof StatementPublished e) {
                statements.put(e.statementId(), new Statement(e.statementId(),
                        e.speaker(), e.role(), e.publishedAt(), e.precision(), e.channel(), e.quote(), e.source(), e.confidence()));
            } else if (payload instanceof RootCauseIdentified e) {
                rootCauses.put(e.rootCauseId(), new RootCause(e.rootCauseId(),
                        e.summary(), labels(e.labels()), e.identifiedAt(), e.source(), e.confidence(), RootCauseStatus.STANDING, null, 0));
            } else if (payload instanceof RootCauseRevised e) {
                rootCauses.computeIfPresent(e.rootCauseId(), (id, old) ->
                        new RootCause(id, e.summary(), labels(e.labels()), e.identifiedAt(), e.source(), e.confidence(),
                                old.status(), old.ruledOut(), old.revisions() + 1));
            } else if (payload instanceof RootCauseRuledOut e) {
                rootCauses.computeIfPresent(e.rootCauseId(), (id, old) ->
                        new RootCause(id, old.summary(), old.labels(), old.identifiedAt(), old.source(),
                                old.confidence(), RootCauseStatus.RULED_OUT, new RuledOut(e.ruledOutAt(), when, e.reason()),
                                old.revisions()));
            } else if (payload instanceof ContributingFactorAdded e) {
                factors.put(e.factorId(), new ContributingFactor(e.factorId(),
                        e.text(), labels(e.labels()), e.source(), e.confidence()));
            } else if (payload instanceof ImpactAssessed e) {
                impact = new Impact(e.description(), e.affectedServices(), e.figures(),
                        e.source(), e.confidence());
            } else if (payload instanceof RemediationProposed e) {
                remediations.put(e.actionId(), new Remediation(e.actionId(),
                        e.description(), e.type(), e.owner(), e.dueDate(), RemediationStatus.PROPOSED, e.source(),
                        e.confidence(), when, List.of()));
            } else if (payload instanceof RemediationStatusChanged e) {
                remediations.computeIfPresent(e.actionId(), (id, old) -> {
                    List<StatusChange> history = new ArrayList<>(old.history());
                    history.add(new StatusChange(e.from(), e.to(), e.at(), e.precision(), when, e.note()));
                    return new Remediation(id, old.description(), old.type(), old.owner(), old.dueDate(), e.to(),
                            old.source(), old.confidence(), old.proposedAt(), List.copyOf(history));
                });
            } else if (payload instanceof IncidentResolved e) {
                resolution = new Resolution(e.resolvedAt(), e.precision(), e.how(), e.source(),
                        e.confidence());
            } else if (payload instanceof IncidentLinked e) {
                links.put(e.otherIncidentId() + "/" + e.relation(),
                        new Link(e.otherIncidentId(), e.relation(), e.note()));
            } else if (payload instanceof IncidentUnlinked e) {
                links.remove(e.otherIncidentId() + "/" + e.relation());
            }
        }

        IncidentView view(Instant at, Instant knownAt) {
            Predicate<Instant> happened = t -> at == null || (t != null && !t.isAfter(at));
            Resolution resolved = resolution != null && happened.test(resolution.resolvedAt()) ? resolution : null;
            // facts without an incident time belong to the post-incident analysis
            boolean analysisKnown = at == null || resolved != null;
            Predicate<Instant> happenedOrUndated = t -> t == null ? analysisKnown : happened.test(t);

            List<TimelineEntry> entries = timeline.values().stream()
                    .filter(e -> happened.test(e.at()))
                    .sorted(Comparator.comparing(TimelineEntry::at))
                    .toList();
            List<RootCause> causes = rootCauses.values().stream()
                    .filter(c -> happenedOrUndated.test(c.identifiedAt()))
                    .map(c -> c.ruledOut() != null && !happenedOrUndated.test(c.ruledOut().at())
                            ? new RootCause(c.id(), c.summary(), c.labels(), c.identifiedAt(), c.source(),
                                    c.confidence(), RootCauseStatus.STANDING, null, c.revisions())
                            : c)
                    .toList();
            return new IncidentView(
                    declared.incidentId(), version, declared.title(), declared.organization(), declared.severity(),
                    resolved != null || first(entries, EntryKind.RESOLUTION) != null
                            ? IncidentStatus.RESOLVED : IncidentStatus.ONGOING,
                    declared.startedAt(), declared.startPrecision(), declared.summary(), declared.affectedServices(), declared.sources(),
                    entries,
                    statements.values().stream().filter(s -> happenedOrUndated.test(s.publishedAt()))
                            .sorted(Comparator.comparing(Statement::publishedAt,
                                    Comparator.nullsLast(Comparator.naturalOrder()))).toList(),
                    causes,
                    analysisKnown ? List.copyOf(factors.values()) : List.of(),
                    analysisKnown ? impact : null,
                    analysisKnown ? List.copyOf(remediations.values()) : List.of(),
                    resolved,
                    List.copyOf(links.values()),
                    derive(entries, resolved),
                    at == null && knownAt == null ? null : new AsOf(at, knownAt),
                    declaredAt, lastRecordedAt);
        }

        private Derived derive(List<TimelineEntry> entries, Resolution resolved) {
            Instant started = declared.startedAt();
            Instant detected = first(entries, EntryKind.DETECTION);
            Instant mitigated = first(entries, EntryKind.MITIGATION);
            Instant end = resolved != null && resolved.resolvedAt() != null ? resolved.resolvedAt()
                    : first(entries, EntryKind.RESOLUTION);
            return new Derived(detected, mitigated, end, between(started, detected), between(started, mitigated),
                    between(detected, end), between(started, end));
        }

        private static Instant first(List<TimelineEntry> entries, EntryKind kind) {
            return entries.stream()
                    .filter(e -> e.kind() == kind && e.retracted() == null)
                    .map(TimelineEntry::at)
                    .min(Comparator.naturalOrder())
                    .orElse(null);
        }

        private static Duration between(Instant from, Instant to) {
            return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }

    /** Labels as they are named now: a renamed or merged label shows its current name (Taxonomy.current()). */
    private static java.util.List<String> labels(java.util.List<String> recorded) {
        if (recorded == null) {
            return java.util.List.of();
        }
        dev.faultline.taxonomy.Taxonomy taxonomy = dev.faultline.taxonomy.Taxonomy.current();
        return recorded.stream().map(taxonomy::canonical).distinct().toList();
    }
}
