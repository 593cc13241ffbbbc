package dev.faultline.query.related;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RelatedIncidents;
import dev.faultline.api.query.RelatedIncidents.Item;
import dev.faultline.api.query.RelatedIncidents.Kind;
import dev.faultline.api.query.RelatedIncidents.Reason;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.query.search.RelatedCandidates;
import dev.faultline.query.search.Why;
import dev.faultline.query.search.WhyVectors;
import dev.faultline.query.semantic.Vectors;
import dev.faultline.taxonomy.Taxonomy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the incidents most like one incident, across organizations, and says why: explicit links
 * first, then shared labels and families weighted by rarity, shared components, shared rare words
 * in what says why each happened, and closeness in meaning of those sentences (sentence vectors).
 * Candidates come from the search index (shared labels, links in both directions, the best text
 * matches, the nearest why-vectors); each is scored from its standing facts only (ruled-out causes
 * and retracted entries do not count) — as the index holds them now, or folded from the events
 * known at {@code knownAt}.
 */
@ApplicationScoped
public class RelatedIncidentFinder {

    static final double LINK_WEIGHT = 10.0;
    static final double FAMILY_SHARE = 0.5;
    /** The share of a response or impact label's rarity in a score: relatives share causes, not handling. */
    static final double NOT_CAUSE_SHARE = 0.25;
    static final double TEXT_SHARE = 0.25;
    static final int TEXT_TERMS = 6;
    /** A word in more than this share of incidents says nothing about why. */
    static final double RARE_WORD = 0.2;

    /**
     * How many candidates each source gives: shared labels, shared rare words, nearest in meaning (the
     * label and meaning sources give at least the page's size, so a large page can fill).
     */
    static final int LABEL_CANDIDATES = 30;
    static final int TEXT_CANDIDATES = 20;
    static final int SEMANTIC_CANDIDATES = 25;
    /** SEMANTIC weight at cosine 1; it falls linearly to zero at {@link #SEMANTIC_FLOOR}. */
    static final double SEMANTIC_WEIGHT = 5.0;
    /** Below this cosine, two incidents' sentences of why are not alike (unrelated seed pairs mostly sit under it). */
    static final double SEMANTIC_FLOOR = 0.45;
    static final int QUOTE_CHARS = 160;

    private final IncidentDetails details;
    private final RelatedCandidates candidates;
    private final WhyVectors whyVectors;

    RelatedIncidentFinder(IncidentDetails details, RelatedCandidates candidates, WhyVectors whyVectors) {
        this.details = details;
        this.candidates = candidates;
        this.whyVectors = whyVectors;
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
        Why why = Why.of(source);
        // as if the incident had no labels: what it says must find its neighbours (label suggestions)
        Why mine = query.ignoreOwnLabels() ? why.withoutLabels() : why;
        float[] myVector = whyVectors.centroid(mine.sentences());
        RelatedCandidates.LabelStatistics stats = candidates.labelStatistics();
        Rarity rarity = new Rarity(stats, Taxonomy.current(), candidates);

        Instant before = query.beforeThisOne() ? source.startedAt() : query.startedBefore();
        // the filters narrow the candidate queries themselves, so a narrow filter still fills a page; as
        // known at an earlier time, incidents may have differed from the index (now): then they only
        // narrow the candidates found
        RelatedCandidates.Filter filter = query.knownAt() != null ? RelatedCandidates.Filter.NONE
                : new RelatedCandidates.Filter(before, query.organizations(), query.excludedOrganizations(), query.labels());
        Set<String> pool = new LinkedHashSet<>();
        source.links().forEach(l -> pool.add(l.incidentId()));
        pool.addAll(candidates.linkingTo(source.id()));
        pool.addAll(candidates.byLabels(source.id(), rarity.queryWeights(mine.labels()), filter,
                Math.max(LABEL_CANDIDATES, query.size())).keySet());
        // rare, but not only here: a word no other incident has finds nothing
        List<String> rareWords = mine.words().stream()
                .filter(w -> rarity.incidentsWithWord(w) >= 2 && rarity.wordShare(w) <= RARE_WORD)
                .sorted(Comparator.comparingDouble(w -> -rarity.wordWeight(w)))
                .limit(30).toList();
        pool.addAll(candidates.byText(source.id(), rareWords, filter, TEXT_CANDIDATES).keySet());
        // the nearest in meaning, with their cosine (the index does not store vectors: k-NN gives it)
        Map<String, Float> near = candidates.byMeaning(source.id(), myVector, filter,
                Math.max(SEMANTIC_CANDIDATES, query.size()));
        pool.addAll(near.keySet());
        pool.remove(source.id());

        List<Scored> scored = new ArrayList<>();
        for (Side other : sides(source.id(), pool, query.knownAt(), near, myVector)) {
            if (!accepted(query, before, rarity, other)) {
                continue;
            }
            List<Reason> reasons = reasons(source, mine, other, rarity);
            if (!reasons.isEmpty()) {
                scored.add(new Scored(other, reasons));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.side().id()));
        List<Scored> best = scored.subList(0, Math.min(query.size(), scored.size()));
        Map<String, float[]> sentenceVectors = sentenceVectors(mine, best);
        List<Item> items = new ArrayList<>(best.size());
        for (Scored s : best) {
            Side o = s.side();
            List<Reason> reasons = s.reasons().stream()
                    .map(r -> r.kind() == Kind.SEMANTIC ? closestPair(r, mine, o, sentenceVectors) : r).toList();
            items.add(new Item(o.id(), o.title(), o.organization(), o.startedAt(), round(s.score()), reasons));
        }
        return Optional.of(new RelatedIncidents(source.id(), query.knownAt(), List.copyOf(items)));
    }

    /** A candidate with its reasons; its score is their sum. */
    private record Scored(Side side, List<Reason> reasons) {
        double score() {
            return reasons.stream().mapToDouble(Reason::weight).sum();
        }
    }

    /**
     * What scoring needs of another incident. Now: read from the search index, without folding
     * (only an incident that links to this one is folded, for its link's relation and note). As known
     * at an earlier time: folded from the events known then.
     */
    record Side(String id, String title, String organization, Instant startedAt, Set<String> labels,
                Set<String> words, List<String> sentences, Double cosine, List<IncidentView.Link> links) {
    }

    /**
     * The candidates' sides. {@code cosine} is the closeness in meaning to this incident: from the
     * k-NN scores ({@code near}; an incident outside the nearest has none), or computed from the
     * folded sentences when {@code knownAt} is given.
     */
    private List<Side> sides(String sourceId, Set<String> ids, Instant knownAt, Map<String, Float> near,
                             float[] myVector) {
        List<Side> sides = new ArrayList<>(ids.size());
        if (knownAt == null) {
            for (RelatedCandidates.Profile p : candidates.profiles(ids).values()) {
                List<IncidentView.Link> links = p.links().contains(sourceId)
                        ? details.find(p.id(), null, null).map(IncidentView::links).orElse(List.of()) : List.of();
                Float cosine = near.get(p.id());
                sides.add(new Side(p.id(), p.title(), p.organization(), p.startedAt(), p.labels(), p.words(),
                        p.sentences(), cosine == null ? null : cosine.doubleValue(), links));
            }
            return sides;
        }
        List<IncidentView> views = new ArrayList<>();
        for (String id : ids) {
            details.find(id, null, knownAt).ifPresent(views::add);
        }
        List<Why> whys = views.stream().map(Why::of).toList();
        // one lookup for every candidate's sentences: wording known only then may need the model (bounded)
        Map<String, float[]> vectors = myVector == null ? Map.of()
                : whyVectors.of(whys.stream().flatMap(w -> w.sentences().stream()).toList());
        for (int i = 0; i < views.size(); i++) {
            IncidentView view = views.get(i);
            Why why = whys.get(i);
            float[] vector = myVector == null ? null : WhyVectors.centroid(why.sentences(), vectors);
            sides.add(new Side(view.id(), view.title(), view.organization(), view.startedAt(), why.labels(),
                    why.words(), why.sentences(), vector == null ? null : (double) Vectors.dot(myVector, vector),
                    view.links()));
        }
        return sides;
    }

    private static boolean accepted(Query query, Instant before, Rarity rarity, Side other) {
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
        Set<String> labels = other.labels();
        Predicate<String> carried = wanted -> labels.contains(wanted)
                || labels.stream().anyMatch(l -> rarity.taxonomy().familyOf(l).map(wanted::equals).orElse(false));
        return query.labels().stream().allMatch(carried);
    }

    private static List<Reason> reasons(IncidentView source, Why mine, Side other, Rarity rarity) {
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
        Set<String> shared = new LinkedHashSet<>(mine.labels());
        shared.retainAll(other.labels());
        for (String label : shared) {
            Kind kind = label.startsWith("component:") ? Kind.COMPONENT : Kind.LABEL;
            reasons.add(new Reason(kind, label + " — in " + rarity.incidentsWith(label) + " of "
                    + rarity.incidents() + " incidents", round(rarity.labelWeight(label))));
        }
        Map<String, List<String>> myFamilies = rarity.families(mine.labels());
        Map<String, List<String>> theirFamilies = rarity.families(other.labels());
        for (Map.Entry<String, List<String>> family : myFamilies.entrySet()) {
            List<String> there = theirFamilies.get(family.getKey());
            if (there == null || family.getValue().stream().anyMatch(shared::contains)) {
                continue; // not shared, or already counted through a shared label
            }
            reasons.add(new Reason(Kind.LABEL, "family " + family.getKey() + ": " + String.join(", ", family.getValue())
                    + " here, " + String.join(", ", there) + " there",
                    round(FAMILY_SHARE * rarity.familyWeight(family.getKey()))));
        }
        // a word the index cannot count (its stem differs from the index's analysis) has no known rarity
        List<String> words = mine.words().stream().filter(other.words()::contains)
                .filter(w -> rarity.incidentsWithWord(w) >= 2 && rarity.wordShare(w) <= RARE_WORD)
                .sorted(Comparator.comparingDouble(w -> -rarity.wordWeight(w)))
                .limit(TEXT_TERMS).toList();
        if (!words.isEmpty()) {
            double weight = TEXT_SHARE * words.stream().mapToDouble(w -> rarity.wordWeight(w)).sum();
            reasons.add(new Reason(Kind.TEXT, "shared rare terms: " + String.join(", ", words.stream()
                    .map(w -> w + " (" + rarity.incidentsWithWord(w) + ")").toList()), round(weight)));
        }
        if (other.cosine() != null) {
            double cosine = other.cosine();
            double weight = SEMANTIC_WEIGHT * (cosine - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR);
            if (weight >= 0.01) {
                reasons.add(new Reason(Kind.SEMANTIC, String.format(Locale.ROOT,
                        "what both say of why is close in meaning (cosine %.2f)", cosine), round(weight)));
            }
        }
        reasons.removeIf(r -> r.weight() < 0.01); // shared by (almost) every incident: says nothing
        reasons.sort(Comparator.comparingDouble(Reason::weight).reversed());
        return reasons;
    }

    /** The vectors of the sentences of why of this incident and of the chosen ones, in one lookup. */
    private Map<String, float[]> sentenceVectors(Why mine, List<Scored> chosen) {
        List<String> sentences = new ArrayList<>(mine.sentences());
        chosen.stream().filter(s -> s.reasons().stream().anyMatch(r -> r.kind() == Kind.SEMANTIC))
                .forEach(s -> sentences.addAll(s.side().sentences()));
        return whyVectors.of(sentences);
    }

    /** The SEMANTIC reason with the closest pair of sentences quoted. */
    private static Reason closestPair(Reason reason, Why mine, Side other, Map<String, float[]> vectors) {
        String here = null;
        String there = null;
        double best = -2;
        for (String a : mine.sentences()) {
            for (String b : other.sentences()) {
                float[] va = vectors.get(a);
                float[] vb = vectors.get(b);
                if (va != null && vb != null && Vectors.dot(va, vb) > best) {
                    best = Vectors.dot(va, vb);
                    here = a;
                    there = b;
                }
            }
        }
        if (here == null) {
            return reason;
        }
        return new Reason(Kind.SEMANTIC, reason.detail() + String.format(Locale.ROOT,
                "; closest: \"%s\" here and \"%s\" there (%.2f)", quote(here), quote(there), best), reason.weight());
    }

    private static String quote(String sentence) {
        return sentence.length() <= QUOTE_CHARS ? sentence : sentence.substring(0, QUOTE_CHARS - 1) + "…";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
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

        /**
         * Inverse document frequency, smoothed: a label every incident has weighs about nothing. Labels
         * of how the outage was handled or what it cost ({@code response:}, {@code impact:}) say little
         * about a shared cause: they count {@link #NOT_CAUSE_SHARE} of their rarity.
         */
        double labelWeight(String label) {
            double weight = idf(incidentsWith(label));
            return label.startsWith("response:") || label.startsWith("impact:") ? NOT_CAUSE_SHARE * weight : weight;
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
