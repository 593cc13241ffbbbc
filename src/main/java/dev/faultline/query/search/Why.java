package dev.faultline.query.search;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.value.EntryKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The standing facts of an incident that say why it happened, which relate it to others: the labels
 * of its root causes and factors, and its sentences of why — standing root causes, contributing
 * factors, trigger entries and the summary. Ruled-out causes and retracted entries do not count.
 * {@code words} are the content words of those sentences and the title ({@link Words}).
 */
public record Why(Set<String> labels, List<String> sentences, Set<String> words) {

    public static Why of(IncidentView view) {
        Set<String> labels = new LinkedHashSet<>();
        List<String> sentences = new ArrayList<>();
        for (IncidentView.RootCause cause : view.rootCauses()) {
            if (cause.ruledOut() == null) {
                labels.addAll(cause.labels());
                sentences.add(cause.summary());
            }
        }
        for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
            labels.addAll(factor.labels());
            sentences.add(factor.text());
        }
        for (IncidentView.TimelineEntry entry : view.timeline()) {
            if (entry.retracted() == null && entry.kind() == EntryKind.TRIGGER) {
                sentences.add(entry.text());
            }
        }
        if (view.summary() != null) {
            sentences.add(view.summary());
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(sentences));
        return new Why(labels, distinct, Words.of(String.join("\n", distinct) + "\n" + view.title()));
    }

    /** The same facts without labels: what the text alone says. */
    public Why withoutLabels() {
        return new Why(Set.of(), sentences, words);
    }
}
