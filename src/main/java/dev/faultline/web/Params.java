package dev.faultline.web;

import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.api.value.Limits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses query parameters, answering 400 with the parameter's name when one is malformed. */
final class Params {

    private Params() {
    }

    /** An ISO-8601 instant, or a date meaning its start (UTC). */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, "'" + value + "' is not an ISO-8601 instant such as 2025-11-18T12:00:00Z");
        }
        if (instant.isBefore(Limits.EARLIEST) || instant.isAfter(Limits.LATEST)) {
            throw new InvalidParameter(name, "must lie between " + Limits.EARLIEST + " and " + Limits.LATEST);
        }
        return instant;
    }

    /** An enum constant, case-insensitive. */
    static <E extends Enum<E>> E enumValue(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(name, "'" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static int intInRange(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameter(name, "must be an integer from " + min + " to " + max);
    }

    /** true or false (absent: false). */
    static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameter(name, "must be true or false");
        };
    }

    /** Labels or families of the taxonomy; an unknown one is a bad parameter. */
    static java.util.Set<String> labels(String name, java.util.List<String> values) {
        dev.faultline.taxonomy.Taxonomy taxonomy = dev.faultline.taxonomy.Taxonomy.current();
        java.util.Set<String> families = taxonomy.view().dimensions().stream().flatMap(d -> d.families().stream())
                .map(f -> f.label()).collect(Collectors.toSet());
        for (String value : values) {
            if (!taxonomy.contains(value) && !families.contains(value)) {
                String dimension = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
                java.util.List<String> near = java.util.stream.Stream.concat(taxonomy.qualifiedLabels().stream(),
                        families.stream()).filter(l -> l.startsWith(dimension + ":")).sorted().toList();
                String valid = near.isEmpty()
                        ? "dimensions: " + String.join(", ", taxonomy.dimensions().keySet())
                        : "in " + dimension + ": " + String.join(", ", near);
                throw new InvalidParameter(name, "unknown label or family '" + value + "' (" + valid
                        + "); see GET /api/taxonomy");
            }
        }
        return java.util.Set.copyOf(values);
    }

    /** The non-blank values of a repeatable label parameter, in order, each a label or a family. */
    static java.util.List<String> labelList(String name, java.util.List<String> values) {
        java.util.List<String> given = values == null ? java.util.List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
        labels(name, given);
        return given;
    }

    /** Collects every malformed parameter of a request, so one 400 names them all. */
    static final class Errors {
        private final java.util.List<dev.faultline.web.problem.Problem.FieldError> errors = new java.util.ArrayList<>();

        <T> T get(java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (InvalidParameter e) {
                errors.add(new dev.faultline.web.problem.Problem.FieldError(e.field(), e.getMessage()));
                return null;
            }
        }

        /** Throws a 400 naming every bad parameter, if there is any. */
        void check() {
            if (!errors.isEmpty()) {
                throw new dev.faultline.web.problem.ProblemException(dev.faultline.web.problem.Problem.of(
                        jakarta.ws.rs.core.Response.Status.BAD_REQUEST, errors.stream().map(e -> e.field() + ": " + e.message())
                                .collect(Collectors.joining("; ")), java.util.List.copyOf(errors)));
            }
        }
    }
}
