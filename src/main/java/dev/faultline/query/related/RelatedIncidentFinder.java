package dev.faultline.query.related;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RelatedIncidents;
import dev.faultline.api.query.RelatedIncidents.Item;
import dev.faultline.api.query.RelatedIncidents.Kind;
import dev.faultline.api.query.RelatedIncidents.Reason;
import dev.faultline.api.value.EntryKind;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.query.search.RelatedCandidates;
import dev.faultline.taxonomy.Taxonomy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the incidents most like one incident, across organizations, and says why: explicit links
 * first, then shared labels and families weighted by rarity, shared components, and shared rare
 * words in what says why each happened. Candidates come from the search index (shared labels,
 * links in both directions, the best text matches); each is then folded, as the knowledge base knew
 * it at {@code knownAt}, and scored from its standing facts only (ruled-out causes and retracted
 * entries do not count).
 */
@ApplicationScoped
public class RelatedIncidentFinder {

    static final double LINK_WEIGHT = 10.0;
    static final double FAMILY_SHARE = 0.5;
    static final double TEXT_SHARE = 0.25;
    static final int TEXT_TERMS = 6;
    /** A word in more than this share of incidents says nothing about why. */
    static final double RARE_WORD = 0.2;

    private final IncidentDetails details;
    private final RelatedCandidates candidates;

    RelatedIncidentFinder(IncidentDetails details, RelatedCandidates candidates) {
        this.details = details;
        this.candidates = candidates;
    }

    /** What to find; {@code startedBefore} keeps only incidents that started earlier (null: no bound). */
    public record Query(String incidentId, int size, Set<String> organizations, Set<String> excludedOrganizations,
                        Set<String> labels, Instant startedBefore, boolean beforeThisOne, Instant knownAt,
                        boolean ignoreOwnLabels) {

        /** The nearest incidents of any organization and time, as the knowledge base knows them now. */
        public static Query nearest(String incidentId, int size, boolean ignoreOwnLabels) {
            return new Query(incidentId, size, Set.of(), Set.of(), Set.of(), null, false, null, ignoreOwnLabels);
        }
    }

    /** The related incidents, or empty when the incident does not exist (at {@code knownAt}). */
    public Optional<RelatedIncidents> find(Query query) {
        Optional<IncidentView> found = details.find(query.incidentId(), null, query.knownAt());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IncidentView source = found.get();
        Facts facts = Facts.of(source);
        // as if the incident had no labels: what it says must find its neighbours (label suggestions)
        Facts mine = query.ignoreOwnLabels() ? new Facts(Set.of(), facts.words()) : facts;
        RelatedCandidates.LabelStatistics stats = candidates.labelStatistics();
        Rarity rarity = new Rarity(stats, Taxonomy.current(), candidates);

        Set<String> pool = new LinkedHashSet<>();
        source.links().forEach(l -> pool.add(l.incidentId()));
        pool.addAll(candidates.linkingTo(source.id()));
        pool.addAll(candidates.byLabels(source.id(), rarity.queryWeights(mine.labels()), 60).keySet());
        // rare, but not only here: a word no other incident has finds nothing
        List<String> rareWords = mine.words().stream()
                .filter(w -> rarity.incidentsWithWord(w) >= 2 && rarity.wordShare(w) <= RARE_WORD)
                .sorted(Comparator.comparingDouble(w -> -rarity.wordWeight(w)))
                .limit(30).toList();
        pool.addAll(candidates.byText(source.id(), rareWords, 30).keySet());
        pool.remove(source.id());

        Instant before = query.beforeThisOne() ? source.startedAt() : query.startedBefore();
        List<Item> items = new ArrayList<>();
        for (String id : pool) {
            Optional<IncidentView> other = details.find(id, null, query.knownAt());
            if (other.isEmpty() || !accepted(query, before, rarity, other.get())) {
                continue;
            }
            List<Reason> reasons = reasons(source, mine, other.get(), rarity);
            if (reasons.isEmpty()) {
                continue;
            }
            double score = round(reasons.stream().mapToDouble(Reason::weight).sum());
            IncidentView o = other.get();
            items.add(new Item(o.id(), o.title(), o.organization(), o.startedAt(), score, reasons));
        }
        items.sort(Comparator.comparingDouble(Item::score).reversed().thenComparing(Item::id));
        return Optional.of(new RelatedIncidents(source.id(), query.knownAt(),
                List.copyOf(items.subList(0, Math.min(query.size(), items.size())))));
    }

    private static boolean accepted(Query query, Instant before, Rarity rarity, IncidentView other) {
        if (before != null && (other.startedAt() == null || !other.startedAt().isBefore(before))) {
            return false;
        }
        if (!query.organizations().isEmpty() && query.organizations().stream()
                .noneMatch(o -> o.equalsIgnoreCase(other.organization()))) {
            return false;
        }
        if (query.excludedOrganizations().stream().anyMatch(o -> o.equalsIgnoreCase(other.organization()))) {
            return false;
        }
        Set<String> labels = Facts.of(other).labels();
        Predicate<String> carried = wanted -> labels.contains(wanted)
                || labels.stream().anyMatch(l -> rarity.taxonomy().familyOf(l).map(wanted::equals).orElse(false));
        return query.labels().stream().allMatch(carried);
    }

    private static List<Reason> reasons(IncidentView source, Facts mine, IncidentView other, Rarity rarity) {
        List<Reason> reasons = new ArrayList<>();
        Set<String> seenLinks = new LinkedHashSet<>();
        for (IncidentView.Link link : source.links()) {
            if (link.incidentId().equals(other.id()) && seenLinks.add(link.relation().name())) {
                reasons.add(new Reason(Kind.LINK, source.id() + " " + link.relation() + " " + other.id()
                        + (link.note() == null ? "" : ": " + link.note()), LINK_WEIGHT));
            }
        }
        for (IncidentView.Link link : other.links()) {
            if (link.incidentId().equals(source.id()) && seenLinks.add(link.relation().name())) {
                reasons.add(new Reason(Kind.LINK, other.id() + " " + link.relation() + " " + source.id()
                        + (link.note() == null ? "" : ": " + link.note()), LINK_WEIGHT));
            }
        }
        Facts theirs = Facts.of(other);
        Set<String> shared = new LinkedHashSet<>(mine.labels());
        shared.retainAll(theirs.labels());
        for (String label : shared) {
            Kind kind = label.startsWith("component:") ? Kind.COMPONENT : Kind.LABEL;
            reasons.add(new Reason(kind, label + " — in " + rarity.incidentsWith(label) + " of "
                    + rarity.incidents() + " incidents", round(rarity.labelWeight(label))));
        }
        Map<String, List<String>> myFamilies = rarity.families(mine.labels());
        Map<String, List<String>> theirFamilies = rarity.families(theirs.labels());
        for (Map.Entry<String, List<String>> family : myFamilies.entrySet()) {
            List<String> there = theirFamilies.get(family.getKey());
            if (there == null || family.getValue().stream().anyMatch(shared::contains)) {
                continue; // not shared, or already counted through a shared label
            }
            reasons.add(new Reason(Kind.LABEL, "family " + family.getKey() + ": " + String.join(", ", family.getValue())
                    + " here, " + String.join(", ", there) + " there",
                    round(FAMILY_SHARE * rarity.familyWeight(family.getKey()))));
        }
        List<String> words = mine.words().stream().filter(theirs.words()::contains)
                .filter(w -> rarity.wordShare(w) <= RARE_WORD)
                .sorted(Comparator.comparingDouble(w -> -rarity.wordWeight(w)))
                .limit(TEXT_TERMS).toList();
        if (!words.isEmpty()) {
            double weight = TEXT_SHARE * words.stream().mapToDouble(w -> rarity.wordWeight(w)).sum();
            reasons.add(new Reason(Kind.TEXT, "shared rare terms: " + String.join(", ", words.stream()
                    .map(w -> w + " (" + rarity.incidentsWithWord(w) + ")").toList()), round(weight)));
        }
        reasons.sort(Comparator.comparingDouble(Reason::weight).reversed());
        return reasons;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** The standing facts of an incident that relate it to others: its labels and the words of why. */
    public record Facts(Set<String> labels, Set<String> words) {

        public static Facts of(IncidentView view) {
            Set<String> labels = new LinkedHashSet<>();
            StringBuilder why = new StringBuilder();
            for (IncidentView.RootCause cause : view.rootCauses()) {
                if (cause.ruledOut() == null) {
                    labels.addAll(cause.labels());
                    why.append(cause.summary()).append('\n');
                }
            }
            for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
                labels.addAll(factor.labels());
                why.append(factor.text()).append('\n');
            }
            for (IncidentView.TimelineEntry entry : view.timeline()) {
                if (entry.retracted() == null && entry.kind() == EntryKind.TRIGGER) {
                    why.append(entry.text()).append('\n');
                }
            }
            if (view.summary() != null) {
                why.append(view.summary()).append('\n');
            }
            why.append(view.title());
            return new Facts(labels, Words.of(why.toString()));
        }
    }

    /** How rare labels, families and words are in the catalogue the search index holds. */
    static final class Rarity {
        private final RelatedCandidates.LabelStatistics stats;
        private final Taxonomy taxonomy;
        private final RelatedCandidates index;
        private final Map<String, Long> wordCounts = new HashMap<>();

        Rarity(RelatedCandidates.LabelStatistics stats, Taxonomy taxonomy, RelatedCandidates index) {
            this.stats = stats;
            this.taxonomy = taxonomy;
            this.index = index;
        }

        Taxonomy taxonomy() {
            return taxonomy;
        }

        long incidents() {
            return Math.max(1, stats.incidents());
        }

        long incidentsWith(String label) {
            return stats.labels().getOrDefault(label, 0L);
        }

        /** Inverse document frequency, smoothed: a label every incident has weighs about nothing. */
        double labelWeight(String label) {
            return idf(incidentsWith(label));
        }

        double familyWeight(String family) {
            long members = stats.labels().entrySet().stream()
                    .filter(e -> taxonomy.familyOf(e.getKey()).map(family::equals).orElse(false))
                    .mapToLong(Map.Entry::getValue).sum();
            return idf(Math.min(members, incidents()));
        }

        /** The families of these labels, each with the labels of it here. */
        Map<String, List<String>> families(Set<String> labels) {
            Map<String, List<String>> families = new LinkedHashMap<>();
            for (String label : labels) {
                taxonomy.familyOf(label).ifPresent(f -> families.computeIfAbsent(f, k -> new ArrayList<>()).add(label));
            }
            return families;
        }

        /** The label query for candidates: the labels themselves, and their families' other members at a discount. */
        Map<String, Float> queryWeights(Set<String> labels) {
            Map<String, Float> weights = new LinkedHashMap<>();
            for (String family : families(labels).keySet()) {
                float weight = (float) (FAMILY_SHARE * familyWeight(family));
                stats.labels().keySet().stream()
                        .filter(l -> taxonomy.familyOf(l).map(family::equals).orElse(false))
                        .forEach(member -> weights.put(member, weight));
            }
            labels.forEach(l -> weights.put(l, (float) Math.max(0.01, labelWeight(l))));
            return weights;
        }

        long incidentsWithWord(String word) {
            return wordCounts.computeIfAbsent(word, w -> index.incidentsWithWord(w));
        }

        double wordShare(String word) {
            return incidentsWithWord(word) / (double) incidents();
        }

        double wordWeight(String word) {
            return idf(incidentsWithWord(word));
        }

        private double idf(long withIt) {
            return Math.log((incidents() + 1.0) / (withIt + 0.5));
        }
    }
}
