package dev.faultline.query.pattern;

import dev.faultline.api.query.RemediationBoard;
import dev.faultline.api.query.RemediationItem;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** The action board: every remediation action across incidents, filtered, with counts per status. */
public final class ActionBoard {

    private ActionBoard() {
    }

    /** Filters; an empty set or null means any. {@code label}: the incident carries it (a family matches its members). */
    public record Filter(Set<RemediationStatus> statuses, Set<RemediationType> types, Set<String> organizations,
                  Set<String> owners, boolean overdue, Set<String> labels) {
    }

    /** An action that passed the filters, before it is turned into an item (only those on the page are). */
    private record Hit(IncidentFacts incident, IncidentFacts.Action action, boolean overdue) {
    }

    /** Soonest due first (undated last), then the most recent incident, then ids. */
    private static final Comparator<Hit> ORDER = Comparator
            .comparing((Hit h) -> h.action().dueDate(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(h -> h.incident().startedAt(), Comparator.reverseOrder())
            .thenComparing(h -> h.incident().id()).thenComparing(h -> h.action().id());

    /**
     * One page of the board and the counts per status. One pass over the actions (for overdue ones,
     * over the index's open dated actions due before today only); only the first
     * {@code (page + 1) * size} in order are kept (a bounded heap), so a page costs the same whether
     * ten actions match or fifty thousand.
     */
    static RemediationBoard find(PatternIndex index, Filter filter, LocalDate today, int page, int size) {
        long[] counts = new long[RemediationStatus.values().length];
        int keep = (page + 1) * size;
        PriorityQueue<Hit> first = new PriorityQueue<>(Math.min(keep, 1024) + 1, ORDER.reversed());
        long[] total = {0};
        if (filter.overdue() && filter.organizations().isEmpty() && filter.labels().isEmpty()
                && filter.types().isEmpty() && filter.owners().isEmpty()) {
            // the common board: counts from the per-day tallies, the page from the head of the ordered set
            for (long[] day : index.openDueCounts().headMap(today.toEpochDay(), false).values()) {
                for (int s = 0; s < counts.length; s++) {
                    counts[s] += day[s];
                }
            }
            for (RemediationStatus status : RemediationStatus.values()) {
                if (filter.statuses().isEmpty() || filter.statuses().contains(status)) {
                    total[0] += counts[status.ordinal()];
                }
            }
            for (PatternIndex.OpenAction o : index.openDated()) {
                if (first.size() >= keep || !o.action().dueDate().isBefore(today)) {
                    break;
                }
                if (filter.statuses().isEmpty() || filter.statuses().contains(o.action().status())) {
                    first.add(new Hit(o.incident(), o.action(), true));
                }
            }
        } else if (filter.overdue()) {
            // overdue actions are the prefix of the open dated ones due before today, already in order
            for (PatternIndex.OpenAction o : index.openDated()) {
                if (!o.action().dueDate().isBefore(today)) {
                    break;
                }
                if (incidentPasses(index, filter, o.incident())) {
                    consider(filter, o.incident(), o.action(), true, counts, total, first, keep);
                }
            }
        } else {
            for (IncidentFacts f : index.all()) {
                if (!incidentPasses(index, filter, f)) {
                    continue;
                }
                for (IncidentFacts.Action a : f.actions()) {
                    boolean overdue = PatternIndex.OpenAction.open(a) && a.dueDate().isBefore(today);
                    consider(filter, f, a, overdue, counts, total, first, keep);
                }
            }
        }
        List<Hit> ordered = new ArrayList<>(first);
        ordered.sort(ORDER);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RemediationStatus status : RemediationStatus.values()) {
            byStatus.put(status.name(), counts[status.ordinal()]);
        }
        List<RemediationItem> items = ordered.subList(Math.min(ordered.size(), page * size), ordered.size()).stream()
                .map(h -> new RemediationItem(h.incident().id(), h.incident().title(), h.incident().organization(),
                        h.action().id(), h.action().description(), h.action().type().name(), h.action().owner(),
                        h.action().dueDate(), h.action().status().name(), h.overdue())).toList();
        return new RemediationBoard(total[0], page, size, byStatus, items);
    }

    private static boolean incidentPasses(PatternIndex index, Filter filter, IncidentFacts f) {
        return (filter.organizations().isEmpty()
                || filter.organizations().stream().anyMatch(o -> o.equalsIgnoreCase(f.organization())))
                && (filter.labels().isEmpty() || carries(index, f, filter.labels()));
    }

    /** Counts an action that passes the action filters, and keeps it if it is among the first {@code keep}. */
    private static void consider(Filter filter, IncidentFacts f, IncidentFacts.Action a, boolean overdue, long[] counts,
                                 long[] total, PriorityQueue<Hit> first, int keep) {
        if ((!filter.types().isEmpty() && !filter.types().contains(a.type()))
                || (!filter.owners().isEmpty() && filter.owners().stream().noneMatch(o -> o.equalsIgnoreCase(a.owner())))
                || (filter.overdue() && !overdue)) {
            return;
        }
        counts[a.status().ordinal()]++;
        if (filter.statuses().isEmpty() || filter.statuses().contains(a.status())) {
            total[0]++;
            if (first.size() < keep) {
                first.add(new Hit(f, a, overdue));
            } else if (ORDER.compare(new Hit(f, a, overdue), first.peek()) < 0) {
                first.poll();
                first.add(new Hit(f, a, overdue));
            }
        }
    }

    private static boolean carries(PatternIndex index, IncidentFacts f, Set<String> wanted) {
        List<String> labels = index.canonical(f.labels().keySet());
        return wanted.stream().allMatch(w -> labels.contains(w)
                || labels.stream().anyMatch(l -> index.taxonomy().familyOf(l).map(w::equals).orElse(false)));
    }
}
