package dev.faultline.api.query;

import java.time.LocalDate;

/** One remediation action on the action board, with the incident that announced it. */
public record RemediationItem(String incidentId, String incidentTitle, String organization, String actionId,
                              String description, String type, String owner, LocalDate dueDate, String status,
                              boolean overdue) {
}
