package dev.faultline.api.query;

import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of search hits with facet counts over all matches. Highlight fragments are
 * HTML-escaped text in which only {@code <em>…</em>} marks the matched words. A hit's score orders
 * the page: the full model's within the rescored window, the first phase's beyond it.
 */
public record SearchResults(long total, long tookMs, List<Hit> hits, Map<String, List<FacetValue>> facets) {

    public record Hit(String id, String title, String organization, Instant startedAt, Severity severity,
                      IncidentStatus status, float score, Map<String, List<String>> highlights) {
    }

    public record FacetValue(String value, long count) {
    }
}
