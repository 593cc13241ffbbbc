package dev.faultline.query.document;

import dev.faultline.api.document.IncidentDocument;
import dev.faultline.api.document.IncidentDocument.*;
import dev.faultline.api.query.IncidentView;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.query.history.IncidentEventStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Incidents as documents, for export: the current state of each incident in the format
 * {@code POST /api/import} reads, so exporting and importing reproduces the same incidents.
 * Retracted entries and ruled-out causes are kept, marked, as in the stored history.
 */
@ApplicationScoped
public class IncidentDocuments {

    private final IncidentDetails details;
    private final IncidentEventStream events;

    IncidentDocuments(IncidentDetails details, IncidentEventStream events) {
        this.details = details;
        this.events = events;
    }

    public Optional<IncidentDocument> find(String incidentId) {
        return details.find(incidentId, null, null).map(IncidentDocuments::toDocument);
    }

    /** Every incident, in the order they were declared, one at a time. */
    public void forEach(Consumer<IncidentDocument> sink) {
        events.forEachIncidentId(id -> find(id).ifPresent(sink));
    }

    static IncidentDocument toDocument(IncidentView v) {
        return new IncidentDocument(v.id(), v.title(), v.organization(), v.severity(), v.startedAt(),
                v.startPrecision(), v.summary(), v.affectedServices(), v.sources(),
                v.timeline().stream().map(e -> new Entry(e.id(), e.at(), e.precision(), e.kind(), e.text(), e.source(),
                        e.confidence(), e.retracted() == null ? null : new Retraction(e.retracted().reason()))).toList(),
                v.statements().stream().map(s -> new Statement(s.id(), s.speaker(), s.role(), s.publishedAt(),
                        s.precision(), s.channel(), s.quote(), s.source(), s.confidence())).toList(),
                v.rootCauses().stream().map(c -> new RootCause(c.id(), c.summary(), c.labels(), c.identifiedAt(),
                        c.source(), c.confidence(),
                        c.ruledOut() == null ? null : new RuledOut(c.ruledOut().at(), c.ruledOut().reason()))).toList(),
                v.contributingFactors().stream().map(f -> new Factor(f.id(), f.text(), f.labels(), f.source(),
                        f.confidence())).toList(),
                v.impact() == null ? null : new Impact(v.impact().description(), v.impact().affectedServices(),
                        v.impact().figures(), v.impact().source(), v.impact().confidence()),
                v.remediations().stream().map(r -> {
                    IncidentView.StatusChange last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
                    return new Remediation(r.id(), r.description(), r.type(), r.owner(), r.dueDate(), r.status(),
                            last == null ? null : last.at(), last == null ? null : last.precision(), r.source(),
                            r.confidence());
                }).toList(),
                v.resolution() == null ? null : new Resolution(v.resolution().resolvedAt(), v.resolution().precision(),
                        v.resolution().how(), v.resolution().source(), v.resolution().confidence()),
                v.links().stream().map(l -> new Link(l.incidentId(), l.relation(), l.note())).toList());
    }
}
