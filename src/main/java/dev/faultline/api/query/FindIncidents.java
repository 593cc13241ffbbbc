package dev.faultline.api.query;

import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Filters, order and page of a catalogue listing. Null filters match everything; {@code text} is a
 * search in the syntax of {@link SearchIncidents}, {@code labels} labels or families that all must match.
 */
public record FindIncidents(String text, List<String> labels, String organization, Severity severity,
                            IncidentStatus status, Instant from, Instant to, Sort sort, int page, int size) {

    public FindIncidents {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The filters only the search index answers (the catalogue table holds neither text nor labels). */
    public boolean needsSearch() {
        return text != null || !labels.isEmpty();
    }

    /** A field and a direction, written {@code startedAt} (ascending) or {@code -startedAt} (descending). */
    public record Sort(Field field, boolean descending) {

        public static final Sort NEWEST_FIRST = new Sort(Field.STARTED_AT, true);

        public enum Field {
            STARTED_AT("startedAt"), TITLE("title"), ORGANIZATION("organization"), SEVERITY("severity");

            public final String parameter;

            Field(String parameter) {
                this.parameter = parameter;
            }
        }

        /** The sort named by a parameter such as {@code -title}, or empty when it names no field. */
        public static java.util.Optional<Sort> parse(String value) {
            boolean descending = value.startsWith("-");
            String name = descending ? value.substring(1) : value;
            for (Field field : Field.values()) {
                if (field.parameter.equals(name)) {
                    return java.util.Optional.of(new Sort(field, descending));
                }
            }
            return java.util.Optional.empty();
        }
    }
}
