package dev.faultline.format;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A value's expected form as the author of a request or a document would say it ("an ISO-8601
 * instant such as …", "a list"), never a Java type name: one wording for REST and import errors.
 */
public final class ValueForms {

    private ValueForms() {
    }

    public static String expected(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2025-11-18T11:20:00Z";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO-8601 date such as 2025-11-18";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "an object";
    }
}
