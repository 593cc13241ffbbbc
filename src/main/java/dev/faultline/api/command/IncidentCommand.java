package dev.faultline.api.command;

import dev.faultline.api.value.Storable;

/**
 * A request to change what is known about one incident (sealed: the set of them is the write model's
 * vocabulary, and a switch over them is checked for completeness); validated by the Incident aggregate, and
 * its values checked to be storable ({@link Storable}) before it is dispatched.
 */
@Storable
public sealed interface IncidentCommand permits AddContributingFactor, ApplyIncidentDocument, AssessImpact,
        ChangeRemediationStatus, CorrectTimelineEntry, DeclareIncident, IdentifyRootCause, LinkIncident,
        ProposeRemediation, PublishStatement, RecordTimelineEntry, ResolveIncident, RetractTimelineEntry,
        ReviseIncidentDetails, ReviseRootCause, RuleOutRootCause, UnlinkIncident {
    String incidentId();

    /**
     * The version the caller last saw ({@code If-Match}), or {@code null} for "whatever is current".
     * Records that carry an {@code expectedVersion} component answer with it.
     */
    default Long expectedVersion() {
        return null;
    }
}
