package dev.faultline.api.query;

import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;

/** Filters, order and page of a catalogue listing. Null filters match everything. */
public record FindIncidents(String organization, Severity severity, IncidentStatus status, Instant startedFrom,
                            Instant startedTo, Sort sort, int page, int size) {

    public enum Sort {
        STARTED_AT_DESC, STARTED_AT_ASC, TITLE_ASC, ORGANIZATION_ASC, SEVERITY_ASC
    }
}
