package dev.faultline.query.pattern;

import dev.faultline.api.event.RootCauseIdentified;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.value.EntryKind;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import dev.faultline.api.value.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What patterns, recurrence checks, the action board and the statistics need of one incident, as
 * the knowledge base knew it at {@code knownFrom}: its standing labels with the sentences that carry
 * each, its durations, its remediation actions with their status history, its explicit links, and
 * how its root cause settled. Built from the folded incident and its events; stored as JSON by
 * {@link PatternProjection}.
 */
public record IncidentFacts(String id, String title, String organization, Severity severity, IncidentStatus status,
                            Instant startedAt, Instant resolvedAt, Long detectSeconds, Long mitigateSeconds,
                            Long durationSeconds, Map<String, List<String>> labels, List<Action> actions,
                            Set<String> links, boolean causeRevised, boolean firstHypothesisRuledOut,
                            Instant firstCauseRecordedAt, Instant knownFrom) {

    /** A remediation action; {@code proposedAt} is when it was recorded. */
    public record Action(String id, String description, RemediationType type, String owner, LocalDate dueDate,
                         RemediationStatus status, Instant proposedAt, List<Change> changes) {

        /**
         * Its status as it stood at world time {@code t}, or null when it had not been proposed yet.
         * An action counts as proposed when it was recorded, or when its incident ended if that is
         * earlier (a postmortem's actions are announced with it, and are often recorded years later);
         * a status change counts from its world time when given, else from when it was recorded.
         */
        public RemediationStatus statusAt(Instant t, Instant incidentEnd) {
            Instant proposed = incidentEnd != null && incidentEnd.isBefore(proposedAt) ? incidentEnd : proposedAt;
            if (t.isBefore(proposed)) {
                return null;
            }
            RemediationStatus status = RemediationStatus.PROPOSED;
            Instant latest = Instant.MIN;
            for (Change change : changes) {
                Instant when = change.at() != null ? change.at() : change.recordedAt();
                if (!when.isAfter(t) && !when.isBefore(latest)) {
                    status = change.to();
                    latest = when;
                }
            }
            return status;
        }
    }

    /** A status change: {@code at} when it happened (null: not given), {@code recordedAt} when it was recorded. */
    public record Change(RemediationStatus to, Instant at, Instant recordedAt) {
    }

    /** When the incident ended, as far as is known: resolved, or started plus its duration. */
    public Instant endedAt() {
        if (resolvedAt != null) {
            return resolvedAt;
        }
        return durationSeconds == null ? null : startedAt.plusSeconds(durationSeconds);
    }

    public static IncidentFacts of(IncidentView view, List<RecordedEvent> events) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (IncidentView.RootCause cause : view.rootCauses()) {
            if (cause.ruledOut() == null) {
                cause.labels().forEach(l -> labels.computeIfAbsent(l, k -> new ArrayList<>()).add(cause.summary()));
            }
        }
        for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
            factor.labels().forEach(l -> labels.computeIfAbsent(l, k -> new ArrayList<>()).add(factor.text()));
        }
        labels.replaceAll((label, sentences) -> List.copyOf(new LinkedHashSet<>(sentences)));
        List<Action> actions = view.remediations().stream().map(r -> new Action(r.id(), r.description(), r.type(),
                r.owner(), r.dueDate(), r.status(), r.proposedAt(), r.history().stream()
                .map(c -> new Change(c.to(), c.at(), c.recordedAt())).toList())).toList();
        Set<String> links = new LinkedHashSet<>();
        view.links().forEach(l -> links.add(l.incidentId()));
        boolean revised = view.rootCauses().stream().anyMatch(c -> c.revisions() > 0);
        boolean firstRuledOut = !view.rootCauses().isEmpty() && view.rootCauses().get(0).ruledOut() != null;
        Instant firstCause = events.stream().filter(e -> e.payload() instanceof RootCauseIdentified)
                .map(RecordedEvent::recordedAt).findFirst().orElse(null);
        Instant knownFrom = events.isEmpty() ? view.lastRecordedAt() : events.get(events.size() - 1).recordedAt();
        IncidentView.Derived derived = view.derived();
        return new IncidentFacts(view.id(), view.title(), view.organization(), view.severity(), view.status(),
                view.startedAt(), resolvedAt(view), seconds(derived == null ? null : derived.timeToDetect()),
                seconds(derived == null ? null : derived.timeToMitigate()),
                seconds(derived == null ? null : derived.duration()), labels, actions, links, revised,
                firstRuledOut, firstCause, knownFrom);
    }

    private static Instant resolvedAt(IncidentView view) {
        if (view.resolution() != null && view.resolution().resolvedAt() != null) {
            return view.resolution().resolvedAt();
        }
        return view.timeline().stream()
                .filter(e -> e.kind() == EntryKind.RESOLUTION && e.retracted() == null && e.at() != null)
                .map(IncidentView.TimelineEntry::at).max(Instant::compareTo).orElse(null);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
