package dev.faultline.api.query;

import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A full-text search: {@code text} in the safe simple syntax (words, "phrases", -exclusion, OR),
 * blank for "everything"; filters all must match, {@code labels} each as {@code dimension:label}.
 */
public record SearchIncidents(String text, String organization, List<String> labels, Severity severity,
                              IncidentStatus status, Instant from, Instant to, Sort sort, int page, int size) {

    public enum Sort {
        RELEVANCE, STARTED_AT
    }
}
