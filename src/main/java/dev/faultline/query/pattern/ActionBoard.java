package dev.faultline.query.pattern;

import dev.faultline.api.query.RemediationBoard;
import dev.faultline.api.query.RemediationItem;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import java.time.LocalDate;
import java.util.ArrayList;
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

    /**
     * One page of the board and the counts per status. Overdue actions alone (or by status): counts from
     * the index's per-day tallies and the page from the head of its ordered open actions. Otherwise one
     * pass over the actions, keeping only the first {@code (page + 1) * size} in order (a bounded heap),
     * so a page costs the same whether ten actions match or fifty thousand.
     */
    static RemediationBoard find(PatternIndex index, Filter filter, LocalDate today, int page, int size) {
        long[] counts = new long[RemediationStatus.values().length];
        int keep = (page + 1) * size;
        PriorityQueue<PatternIndex.ActionOf> first = new PriorityQueue<>(Math.min(keep, 1024) + 1,
                PatternIndex.ActionOf.ORDER.reversed());
        long total = 0;
        if (filter.overdue() && filter.organizations().isEmpty() && filter.labels().isEmpty()
                && filter.types().isEmpty() && filter.owners().isEmpty()) {
            for (long[] day : index.openDueCounts().headMap(today.toEpochDay(), false).values()) {
                for (int s = 0; s < counts.length; s++) {
                    counts[s] += day[s];
                }
            }
            for (RemediationStatus status : RemediationStatus.values()) {
                total += filter.statuses().isEmpty() || filter.statuses().contains(status) ? counts[status.ordinal()] : 0;
            }
            for (PatternIndex.ActionOf o : index.openDated()) {
                if (first.size() >= keep || !o.overdueOn(today)) {
                    break;
                }
                if (filter.statuses().isEmpty() || filter.statuses().contains(o.action().status())) {
                    first.add(o);
                }
            }
        } else {
            for (IncidentFacts f : index.all()) {
                if ((!filter.organizations().isEmpty()
                        && filter.organizations().stream().noneMatch(o -> o.equalsIgnoreCase(f.organization())))
                        || (!filter.labels().isEmpty() && !carries(index, f, filter.labels()))) {
                    continue;
                }
                for (IncidentFacts.Action a : f.actions()) {
                    PatternIndex.ActionOf hit = new PatternIndex.ActionOf(f, a);
                    if ((!filter.types().isEmpty() && !filter.types().contains(a.type()))
                            || (!filter.owners().isEmpty() && filter.owners().stream().noneMatch(o -> o.equalsIgnoreCase(a.owner())))
                            || (filter.overdue() && !hit.overdueOn(today))) {
                        continue;
                    }
                    counts[a.status().ordinal()]++;
                    if (filter.statuses().isEmpty() || filter.statuses().contains(a.status())) {
                        total++;
                        if (first.size() < keep) {
                            first.add(hit);
                        } else if (PatternIndex.ActionOf.ORDER.compare(hit, first.peek()) < 0) {
                            first.poll();
                            first.add(hit);
                        }
                    }
                }
            }
        }
        List<PatternIndex.ActionOf> ordered = new ArrayList<>(first);
        ordered.sort(PatternIndex.ActionOf.ORDER);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RemediationStatus status : RemediationStatus.values()) {
            byStatus.put(status.name(), counts[status.ordinal()]);
        }
        List<RemediationItem> items = ordered.subList(Math.min(ordered.size(), page * size), ordered.size()).stream()
                .map(h -> new RemediationItem(h.incident().id(), h.incident().title(), h.incident().organization(),
                        h.action().id(), h.action().description(), h.action().type().name(), h.action().owner(),
                        h.action().dueDate(), h.action().status().name(), h.overdueOn(today))).toList();
        return new RemediationBoard(total, page, size, byStatus, items);
    }

    private static boolean carries(PatternIndex index, IncidentFacts f, Set<String> wanted) {
        List<String> labels = index.canonical(f.labels().keySet());
        return wanted.stream().allMatch(w -> labels.contains(w)
                || labels.stream().anyMatch(l -> index.taxonomy().familyOf(l).map(w::equals).orElse(false)));
    }
}
