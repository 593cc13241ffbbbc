package dev.faultline.query.pattern;

import dev.faultline.api.query.RemediationBoard;
import dev.faultline.api.query.RemediationItem;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The action board: every remediation action across incidents, filtered, with counts per status. */
public final class ActionBoard {

    private ActionBoard() {
    }

    /** Filters; an empty set or null means any. {@code label}: the incident carries it (a family matches its members). */
    public record Filter(Set<RemediationStatus> statuses, Set<RemediationType> types, Set<String> organizations,
                  Set<String> owners, boolean overdue, Set<String> labels) {
    }

    static RemediationBoard find(PatternIndex index, Filter filter, LocalDate today, int page, int size) {
        Map<RemediationStatus, Long> counts = new EnumMap<>(RemediationStatus.class);
        List<RemediationItem> matching = new ArrayList<>();
        for (IncidentFacts f : index.all()) {
            if (!filter.organizations().isEmpty()
                    && filter.organizations().stream().noneMatch(o -> o.equalsIgnoreCase(f.organization()))) {
                continue;
            }
            if (!filter.labels().isEmpty() && !carries(index, f, filter.labels())) {
                continue;
            }
            for (IncidentFacts.Action a : f.actions()) {
                boolean overdue = a.dueDate() != null && a.dueDate().isBefore(today) && a.status() != RemediationStatus.DONE
                        && a.status() != RemediationStatus.ABANDONED;
                if ((!filter.types().isEmpty() && !filter.types().contains(a.type()))
                        || (!filter.owners().isEmpty() && filter.owners().stream().noneMatch(o -> o.equalsIgnoreCase(a.owner())))
                        || (filter.overdue() && !overdue)) {
                    continue;
                }
                counts.merge(a.status(), 1L, Long::sum);
                if (filter.statuses().isEmpty() || filter.statuses().contains(a.status())) {
                    matching.add(new RemediationItem(f.id(), f.title(), f.organization(), a.id(), a.description(),
                            a.type().name(), a.owner(), a.dueDate(), a.status().name(), overdue));
                }
            }
        }
        // soonest due first (undated last), then the most recent incident
        matching.sort(Comparator.comparing(RemediationItem::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> index.facts(i.incidentId()).startedAt(), Comparator.reverseOrder())
                .thenComparing(RemediationItem::incidentId).thenComparing(RemediationItem::actionId));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RemediationStatus status : RemediationStatus.values()) {
            byStatus.put(status.name(), counts.getOrDefault(status, 0L));
        }
        int from = Math.min(matching.size(), page * size);
        return new RemediationBoard(matching.size(), page, size, byStatus,
                List.copyOf(matching.subList(from, Math.min(matching.size(), from + size))));
    }

    private static boolean carries(PatternIndex index, IncidentFacts f, Set<String> wanted) {
        List<String> labels = index.canonical(f.labels().keySet());
        return wanted.stream().allMatch(w -> labels.contains(w)
                || labels.stream().anyMatch(l -> index.taxonomy().familyOf(l).map(w::equals).orElse(false)));
    }
}
