package dev.faultline.query.search;

import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.query.detail.IncidentFolder;
import dev.faultline.taxonomy.Taxonomy;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns an incident's events into its search document: fold to the current state, then flatten. */
public final class SearchDocuments {


    private SearchDocuments() {
    }

    /** Empty when the events do not declare an incident. */
    public static Optional<SearchDocument> of(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        long position = events.get(events.size() - 1).position();
        return IncidentFolder.fold(events, null, null).map(view -> of(view, position));
    }

    static SearchDocument of(IncidentView view, long position) {
        SearchDocument doc = new SearchDocument();
        doc.id = view.id();
        doc.title = view.title();
        doc.organization = view.organization();
        doc.summary = view.summary();
        doc.severity = view.severity().name();
        doc.status = view.status().name();
        doc.startedAt = view.startedAt();
        doc.year = view.startedAt().atZone(ZoneOffset.UTC).getYear();
        doc.version = view.version();
        doc.position = position;
        doc.durationSeconds = seconds(view.derived() == null ? null : view.derived().duration());
        doc.timeToResolveSeconds = seconds(view.derived() == null ? null : view.derived().timeToResolve());

        List<String> timeline = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (IncidentView.TimelineEntry entry : view.timeline()) {
            (entry.retracted() == null ? timeline : history).add(entry.text());
            entry.corrections().forEach(old -> history.add(old.text()));
        }
        List<String> statements = new ArrayList<>();
        Set<String> speakers = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>();
        for (IncidentView.Statement statement : view.statements()) {
            statements.add(statement.quote());
            speakers.add(statement.speaker());
            if (statement.role() != null) {
                speakers.add(statement.role());
                roles.add(statement.role());
            }
        }
        Why why = Why.of(view);
        Set<String> labels = why.labels();
        List<String> rootCauses = new ArrayList<>();
        for (IncidentView.RootCause cause : view.rootCauses()) {
            if (cause.ruledOut() == null) {
                rootCauses.add(cause.summary());
            } else {
                history.add(cause.summary());
            }
        }
        List<String> factors = new ArrayList<>();
        for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
            factors.add(factor.text());
        }
        List<String> impact = new ArrayList<>();
        if (view.impact() != null) {
            add(impact, view.impact().description());
            impact.addAll(view.impact().affectedServices());
        }
        impact.addAll(view.affectedServices());
        List<String> remediations = new ArrayList<>();
        for (IncidentView.Remediation remediation : view.remediations()) {
            remediations.add(remediation.description());
        }
        if (view.resolution() != null) {
            add(remediations, view.resolution().how());
        }
        List<String> labelText = new ArrayList<>();
        List<String> spelling = new ArrayList<>();
        spelling.add(view.title());
        spelling.add(view.organization());
        for (String label : labels) {
            String name = label.substring(label.indexOf(':') + 1).replace('-', ' ');
            spelling.add(name);
            labelText.add(name);
            Taxonomy.current().label(label).ifPresent(l -> {
                labelText.add(l.description());
                labelText.addAll(l.synonyms());
            });
        }
        doc.timeline = timeline;
        doc.history = history;
        doc.statements = statements;
        doc.speakerRoles = List.copyOf(roles);
        doc.rootCauses = rootCauses;
        List<String> details = new ArrayList<>(factors);
        details.addAll(impact);
        details.addAll(remediations);
        details.addAll(speakers);
        details.addAll(timeline);
        doc.details = details;
        List<String> content = new ArrayList<>();
        add(content, view.title());
        add(content, view.organization());
        add(content, view.summary());
        content.addAll(statements);
        content.addAll(rootCauses);
        content.addAll(labelText);
        content.addAll(details);
        doc.content = content;
        doc.labels = List.copyOf(labels);
        doc.links = view.links().stream().map(IncidentView.Link::incidentId).distinct().toList();
        doc.labelText = labelText;
        doc.spelling = spelling;
        doc.whySentences = why.sentences();
        doc.related = new RelatedCandidates.Profile(doc.id, doc.title, doc.organization, doc.startedAt,
                new LinkedHashSet<>(doc.labels), new LinkedHashSet<>(doc.links), why.words(), why.sentences()).encoded();
        doc.facets = facets(doc);
        return doc;
    }

    /** The document's facet values, each prefixed with its facet's name (see {@link SearchDocument#facets}). */
    static List<String> facets(SearchDocument doc) {
        List<String> facets = new ArrayList<>(3 + doc.labels.size());
        facets.add(Facet.ORGANIZATION.value(doc.organization));
        facets.add(Facet.SEVERITY.value(doc.severity));
        facets.add(Facet.YEAR.value(String.valueOf(doc.year)));
        doc.labels.forEach(label -> facets.add(Facet.LABEL.value(label)));
        return facets;
    }

    /** The facets of search results, and how their values are spelled in the combined facet field. */
    enum Facet {
        ORGANIZATION("organization", 20), LABEL("label", 50), SEVERITY("severity", 10), YEAR("year", 50);

        final String key;
        /** How many values of this facet a response lists (the most frequent ones). */
        final int shown;

        Facet(String key, int shown) {
            this.key = key;
            this.shown = shown;
        }

        String value(String value) {
            return key + "=" + value;
        }

        /** The facet a combined-field value belongs to, or null. */
        static Facet of(String combined) {
            for (Facet facet : values()) {
                if (combined.startsWith(facet.key + "=")) {
                    return facet;
                }
            }
            return null;
        }
    }

    private static void add(List<String> list, String text) {
        if (text != null && !text.isBlank()) {
            list.add(text);
        }
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
