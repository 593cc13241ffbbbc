package dev.faultline.api.command;

/** A request to change what is known about one incident; validated by the Incident aggregate. */
public interface IncidentCommand {
    String incidentId();

    /**
     * The version the caller last saw ({@code If-Match}), or {@code null} for "whatever is current".
     * Records that carry an {@code expectedVersion} component answer with it.
     */
    default Long expectedVersion() {
        return null;
    }
}
