package dev.faultline.query.pattern;

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

    /** The pairs of this incident with earlier ones, the strongest first: linked, then the most specific shared pattern. */
    static List<Recurrence> of(PatternIndex index, IncidentFacts later) {
        Set<String> mine = causeKeys(index, later.id());
        RoaringBitmap candidates = new RoaringBitmap();
        for (String key : mine) {
            candidates.or(index.entry(key).members());
        }
        List<Pair> pairs = new ArrayList<>();
        List<IncidentFacts> all = index.all();
        for (int n = 0; n < all.size(); n++) {
            IncidentFacts earlier = all.get(n);
            if (earlier.id().equals(later.id()) || !earlier.startedAt().isBefore(later.startedAt())) {
                continue;
            }
            boolean linked = later.links().contains(earlier.id()) || earlier.links().contains(later.id());
            if (!linked && !candidates.contains(n)) {
                continue;
            }
            List<String> shared = causeKeys(index, earlier.id()).stream().filter(mine::contains)
                    .sorted(Comparator.comparingInt((String k) -> -index.entry(k).key().labels().size())
                            .thenComparingInt(k -> index.entry(k).members().getCardinality()).thenComparing(k -> k))
                    .toList();
            if (linked || !shared.isEmpty()) {
                pairs.add(new Pair(earlier, linked, shared,
                        shared.isEmpty() ? 0 : index.entry(shared.get(0)).key().labels().size(),
                        shared.isEmpty() ? Integer.MAX_VALUE : index.entry(shared.get(0)).members().getCardinality()));
            }
        }
        pairs.sort(Comparator.comparing((Pair p) -> !p.linked()).thenComparingInt(p -> -p.specificity())
                .thenComparingInt(Pair::patternSize)
                .thenComparing(p -> p.earlier().startedAt(), Comparator.reverseOrder()));
        return pairs.stream().map(p -> verdict(later, p.earlier(), p.linked(),
                p.shared().subList(0, Math.min(SHARED_SHOWN, p.shared().size())))).toList();
    }

    private record Pair(IncidentFacts earlier, boolean linked, List<String> shared, int specificity, int patternSize) {
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
