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

    private static final Taxonomy TAXONOMY = Taxonomy.standard();

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
        Set<String> labels = new LinkedHashSet<>();
        List<String> rootCauses = new ArrayList<>();
        for (IncidentView.RootCause cause : view.rootCauses()) {
            if (cause.ruledOut() == null) {
                rootCauses.add(cause.summary());
                labels.addAll(cause.labels());
            } else {
                history.add(cause.summary());
            }
        }
        List<String> factors = new ArrayList<>();
        for (IncidentView.ContributingFactor factor : view.contributingFactors()) {
            factors.add(factor.text());
            labels.addAll(factor.labels());
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
            TAXONOMY.label(label).ifPresent(l -> {
                labelText.add(l.description());
                labelText.addAll(l.synonyms());
            });
        }
        doc.timeline = timeline;
        doc.history = history;
        doc.statements = statements;
        doc.speakers = List.copyOf(speakers);
        doc.speakerRoles = List.copyOf(roles);
        doc.rootCauses = rootCauses;
        doc.factors = factors;
        doc.impact = impact;
        doc.remediations = remediations;
        doc.labels = List.copyOf(labels);
        doc.labelText = labelText;
        doc.spelling = spelling;
        return doc;
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
