package dev.faultline.api.value;

/** Whether an incident is still going on. */
public enum IncidentStatus {
    ONGOING, RESOLVED
}
