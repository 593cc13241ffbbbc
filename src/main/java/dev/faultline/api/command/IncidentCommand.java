package dev.faultline.api.command;

import dev.faultline.api.value.Storable;

/**
 * A request to change what is known about one incident; validated by the Incident aggregate, and
 * its values checked to be storable ({@link Storable}) before it is dispatched.
 */
@Storable
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
