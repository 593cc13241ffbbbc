package dev.faultline.api.command;

/** A request to change what is known about one incident; validated by the Incident aggregate. */
public interface IncidentCommand {
    String incidentId();
}
