package dev.faultline.api.value;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;

/** Checks {@link Storable}: walks a command's record components, lists and maps. */
public final class StorableValues implements ConstraintValidator<Storable, Object> {

    private static final LocalDate EARLIEST_DATE = LocalDate.ofInstant(Limits.EARLIEST, ZoneOffset.UTC);
    private static final LocalDate LATEST_DATE = LocalDate.ofInstant(Limits.LATEST, ZoneOffset.UTC);

    @Override
    public boolean isValid(Object command, ConstraintValidatorContext context) {
        if (command == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        return walk(command, "", context, 0);
    }

    private static boolean walk(Object value, String pointer, ConstraintValidatorContext context, int depth) {
        if (value == null || depth > 16) {
            return true;
        }
        String problem = null;
        if (value instanceof CharSequence text) {
            problem = textProblem(text);
        } else if (value instanceof Instant instant) {
            problem = instant.isBefore(Limits.EARLIEST) || instant.isAfter(Limits.LATEST) ? timeRange() : null;
        } else if (value instanceof LocalDate date) {
            problem = date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE) ? timeRange() : null;
        } else if (value instanceof Collection<?> list) {
            boolean valid = true;
            int i = 0;
            for (Object element : list) {
                valid &= walk(element, pointer + "/" + i++, context, depth + 1);
            }
            return valid;
        } else if (value instanceof Map<?, ?> map) {
            boolean valid = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                valid &= walk(entry.getKey(), pointer, context, depth + 1);
                valid &= walk(entry.getValue(), pointer + "/" + entry.getKey(), context, depth + 1);
            }
            return valid;
        } else if (value.getClass().isRecord()) {
            boolean valid = true;
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                valid &= walk(read(component, value), pointer + "/" + component.getName(), context, depth + 1);
            }
            return valid;
        }
        if (problem == null) {
            return true;
        }
        // one node named by the pointer below the command ("figures/0/name"): both the REST problem
        // and an import's per-document report turn it into a JSON pointer
        context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                .addPropertyNode(pointer.isEmpty() ? null : pointer.substring(1))
                .addConstraintViolation();
        return false;
    }

    /** Why PostgreSQL or a read model could not hold this text, or null when it can. */
    static String textProblem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain control character U+%04X (at offset %d)", (int) c, i);
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return String.format("must not contain non-character U+%04X (at offset %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (at offset " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (at offset " + i + ")";
            }
        }
        return null;
    }

    private static String timeRange() {
        return "must lie between " + Limits.EARLIEST + " and " + Limits.LATEST;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
