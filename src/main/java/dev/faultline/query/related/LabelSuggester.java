package dev.faultline.query.related;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.LabelSuggestions;
import dev.faultline.api.query.LabelSuggestions.Evidence;
import dev.faultline.api.query.LabelSuggestions.Suggestion;
import dev.faultline.api.query.RelatedIncidents;
import dev.faultline.query.detail.IncidentDetails;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Suggests labels from an incident's nearest neighbours (related incidents): each label a
 * neighbour carries and the incident lacks gets the neighbour's score as a vote, and its
 * confidence is the voted share of all the neighbours' scores. With {@code ignoreOwnLabels} the
 * neighbours are found from what the incident says only — how an unlabelled incident is helped,
 * and how the suggestions are evaluated (leave-one-out on the seed incidents).
 */
@ApplicationScoped
public class LabelSuggester {

    static final int NEIGHBOURS = 8;
    /** The share of a suggestion's confidence that the incident's own words naming the label give. */
    static final double MENTION_SHARE = 0.4;

    private final RelatedIncidentFinder finder;
    private final IncidentDetails details;

    LabelSuggester(RelatedIncidentFinder finder, IncidentDetails details) {
        this.finder = finder;
        this.details = details;
    }

    public Optional<LabelSuggestions> suggest(String incidentId, int size, double minConfidence, boolean ignoreOwnLabels) {
        Optional<RelatedIncidents> related = finder.find(
                RelatedIncidentFinder.Query.nearest(incidentId, NEIGHBOURS, ignoreOwnLabels));
        if (related.isEmpty()) {
            return Optional.empty();
        }
        Set<String> own = ignoreOwnLabels ? Set.of()
                : details.find(incidentId, null, null).map(v -> dev.faultline.query.search.Why.of(v).labels()).orElse(Set.of());
        double total = related.get().items().stream().mapToDouble(RelatedIncidents.Item::score).sum();
        IncidentView self = details.find(incidentId, null, null).orElseThrow();
        Map<String, String> mentioned = mentions(self, own);
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        Map<String, Double> votes = new LinkedHashMap<>();
        for (RelatedIncidents.Item neighbour : related.get().items()) {
            IncidentView view = details.find(neighbour.id(), null, null).orElse(null);
            if (view == null) {
                continue;
            }
            for (Map.Entry<String, String> labelled : labelledSentences(view).entrySet()) {
                if (own.contains(labelled.getKey())) {
                    continue;
                }
                votes.merge(labelled.getKey(), neighbour.score(), Double::sum);
                evidence.computeIfAbsent(labelled.getKey(), k -> new ArrayList<>()).add(new Evidence(neighbour.id(),
                        neighbour.organization(), neighbour.score(), labelled.getValue()));
            }
        }
        mentioned.forEach((label, phrase) -> {
            votes.putIfAbsent(label, 0.0);
            evidence.computeIfAbsent(label, k -> new ArrayList<>()).add(0, new Evidence(incidentId,
                    self.organization(), 0, "its own text says \"" + phrase + "\""));
        });
        List<Suggestion> suggestions = votes.entrySet().stream()
                .map(v -> new Suggestion(v.getKey(), Math.round(((1 - MENTION_SHARE) * (total == 0 ? 0 : v.getValue() / total)
                        + (mentioned.containsKey(v.getKey()) ? MENTION_SHARE : 0)) * 100) / 100.0, evidence.get(v.getKey())))
                .filter(s -> s.confidence() >= minConfidence)
                .sorted(Comparator.comparingDouble(Suggestion::confidence).reversed().thenComparing(Suggestion::label))
                .limit(size)
                .toList();
        return Optional.of(new LabelSuggestions(incidentId, suggestions));
    }

    /**
     * Labels whose name or a synonym the incident's own text (title, summary, standing causes,
     * factors, timeline) contains as a phrase, with that phrase.
     */
    private static Map<String, String> mentions(IncidentView view, Set<String> own) {
        StringBuilder text = new StringBuilder(view.title()).append(' ');
        if (view.summary() != null) {
            text.append(view.summary()).append(' ');
        }
        view.rootCauses().stream().filter(c -> c.ruledOut() == null).forEach(c -> text.append(c.summary()).append(' '));
        view.contributingFactors().forEach(f -> text.append(f.text()).append(' '));
        view.timeline().stream().filter(e -> e.retracted() == null).forEach(e -> text.append(e.text()).append(' '));
        String said = " " + text.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
        Map<String, String> mentioned = new LinkedHashMap<>();
        dev.faultline.taxonomy.Taxonomy taxonomy = dev.faultline.taxonomy.Taxonomy.current();
        for (String label : taxonomy.qualifiedLabels()) {
            if (own.contains(label)) {
                continue;
            }
            List<String> phrases = new ArrayList<>(taxonomy.label(label).map(l -> l.synonyms() == null ? List.<String>of()
                    : l.synonyms()).orElse(List.of()));
            phrases.add(label.substring(label.indexOf(':') + 1).replace('-', ' '));
            for (String phrase : phrases) {
                String normal = phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
                if (normal.length() >= 3 && said.contains(" " + normal + " ")) {
                    mentioned.put(label, phrase);
                    break;
                }
            }
        }
        return mentioned;
    }

    /** Each standing label of an incident with the first sentence it is on. */
    private static Map<String, String> labelledSentences(IncidentView view) {
        Map<String, String> sentences = new LinkedHashMap<>();
        for (IncidentView.RootCause cause : view.rootCauses()) {
            if (cause.ruledOut() == null) {
                cause.labels().forEach(l -> sentences.putIfAbsent(l, cause.summary()));
            }
        }
        for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
            factor.labels().forEach(l -> sentences.putIfAbsent(l, factor.text()));
        }
        return sentences;
    }
}
