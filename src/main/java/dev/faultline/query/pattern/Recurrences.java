package dev.faultline.query.pattern;

import dev.faultline.api.query.Page;
import dev.faultline.api.query.Recurrence;
import dev.faultline.api.query.Recurrence.Verdict;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The recurrence check: for a later incident, each earlier one (started before it) that shares a
 * cause pattern — a cause label or a combination — or an explicit link, with the earlier one's
 * actions as they stood when the later one started and a verdict from its PREVENT and DETECT actions.
 * Families are too broad to call a repeat, and response or impact labels describe handling, not cause.
 */
final class Recurrences {

    static final Set<RemediationType> GUARDS = EnumSet.of(RemediationType.PREVENT, RemediationType.DETECT);
    static final int SHARED_SHOWN = 5;

    private Recurrences() {
    }

    /**
     * One page of the pairs of this incident with earlier ones, the strongest first: linked, then by the
     * most specific shared pattern (most labels, then fewest members), then the latest earlier incident.
     * Only the pairs on the page are examined in full: patterns are walked most specific first, so an
     * earlier incident is met first under its strongest shared pattern.
     */
    static Page<Recurrence> of(PatternIndex index, IncidentFacts later, int page, int size) {
        List<String> mine = causeKeys(index, later.id()).stream()
                .sorted(Comparator.comparingInt((String k) -> -index.entry(k).key().labels().size())
                        .thenComparingInt(k -> index.entry(k).members().getCardinality()).thenComparing(k -> k))
                .toList();
        RoaringBitmap sharing = new RoaringBitmap();
        for (String key : mine) {
            sharing.or(index.entry(key).members());
        }
        RoaringBitmap earlier = new RoaringBitmap();
        sharing.forEach((int n) -> {
            if (index.facts(n).startedAt().isBefore(later.startedAt())) {
                earlier.add(n);
            }
        });
        List<Integer> linked = new ArrayList<>();
        for (String id : linkedIds(index, later)) {
            Integer n = index.number(id);
            if (n != null && index.facts(n).startedAt().isBefore(later.startedAt())) {
                linked.add(n);
                earlier.add(n);
            }
        }
        int total = earlier.getCardinality();
        int wanted = Math.min(total, (page + 1) * size);
        linked.sort(Comparator.comparing((Integer n) -> index.facts(n).startedAt()).reversed());
        List<Integer> order = new ArrayList<>(linked);
        RoaringBitmap placed = RoaringBitmap.bitmapOf(linked.stream().mapToInt(Integer::intValue).toArray());
        for (String key : mine) {
            if (order.size() >= wanted) {
                break;
            }
            RoaringBitmap fresh = RoaringBitmap.and(index.entry(key).members(), earlier);
            fresh.andNot(placed);
            List<Integer> members = new ArrayList<>(fresh.getCardinality());
            fresh.forEach((int n) -> members.add(n));
            members.sort(Comparator.comparing((Integer n) -> index.facts(n).startedAt()).reversed());
            order.addAll(members);
            placed.or(fresh);
        }
        List<Recurrence> items = new ArrayList<>();
        for (int i = page * size; i < Math.min(wanted, order.size()); i++) {
            IncidentFacts other = index.facts(order.get(i));
            boolean isLinked = later.links().contains(other.id()) || other.links().contains(later.id());
            List<String> shared = mine.stream().filter(k -> index.keysOf(other.id()).contains(k)).toList();
            items.add(verdict(later, other, isLinked, shared.subList(0, Math.min(SHARED_SHOWN, shared.size()))));
        }
        return new Page<>(total, page, size, items);
    }

    /** Incidents linked to this one, either way. */
    private static Set<String> linkedIds(PatternIndex index, IncidentFacts later) {
        Set<String> ids = new LinkedHashSet<>(later.links());
        ids.addAll(index.linkedTo(later.id()));
        return ids;
    }

    static Recurrence verdict(IncidentFacts later, IncidentFacts earlier, boolean linked, List<String> shared) {
        List<Recurrence.ActionThen> actions = new ArrayList<>();
        Set<RemediationStatus> guards = new LinkedHashSet<>();
        for (IncidentFacts.Action action : earlier.actions()) {
            RemediationStatus then = action.statusAt(later.startedAt(), earlier.endedAt());
            actions.add(new Recurrence.ActionThen(action.id(), action.description(), action.type().name(),
                    then == null ? null : then.name(), action.status().name()));
            if (then != null && GUARDS.contains(action.type())) {
                guards.add(then);
            }
        }
        Verdict verdict;
        String explanation;
        if (guards.contains(RemediationStatus.DONE)) {
            verdict = Verdict.REPEATED_AFTER_DONE;
            explanation = "a PREVENT or DETECT action of " + earlier.id() + " was done before " + later.id() + " started";
        } else if (guards.contains(RemediationStatus.PROPOSED) || guards.contains(RemediationStatus.IN_PROGRESS)) {
            verdict = Verdict.REPEATED_WHILE_OPEN;
            explanation = "PREVENT or DETECT actions of " + earlier.id() + " were still open when " + later.id() + " started";
        } else if (guards.contains(RemediationStatus.ABANDONED)) {
            verdict = Verdict.REPEATED_AFTER_ABANDONED;
            explanation = "the PREVENT and DETECT actions of " + earlier.id() + " had been abandoned when " + later.id() + " started";
        } else {
            verdict = Verdict.NO_PRIOR_ACTION;
            explanation = earlier.id() + " had no PREVENT or DETECT action proposed when " + later.id() + " started";
        }
        return new Recurrence(side(later), side(earlier), shared, linked, actions, verdict, explanation);
    }

    /** The incident's patterns that can say it repeated another: cause labels and combinations. */
    static Set<String> causeKeys(PatternIndex index, String id) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : index.keysOf(id)) {
            PatternKeys.Key k = index.entry(key).key();
            if (k.kind() == PatternKeys.Kind.COMBINATION
                    || (k.kind() == PatternKeys.Kind.LABEL && PatternKeys.isCause(k.key()))) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Recurrence.Side side(IncidentFacts f) {
        return new Recurrence.Side(f.id(), f.title(), f.organization(), f.startedAt());
    }
}
