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
}
