package dev.faultline.api.event;

/**
 * Every fact recorded about an incident. Events are immutable once released: a changed shape gets
 * a new revision and an upcaster. The sealed list lets a {@code switch} over events be checked.
 */
public sealed interface IncidentEvent permits
        IncidentDeclared, IncidentDetailsRevised,
        TimelineEntryRecorded, TimelineEntryCorrected, TimelineEntryRetracted,
        StatementPublished,
        RootCauseIdentified, RootCauseRevised, RootCauseRuledOut,
        ContributingFactorAdded, ImpactAssessed,
        RemediationProposed, RemediationStatusChanged,
        IncidentResolved, IncidentLinked, IncidentUnlinked {

    String incidentId();
}
