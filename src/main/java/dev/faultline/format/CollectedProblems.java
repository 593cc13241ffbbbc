package dev.faultline.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import static dev.faultline.format.ValueForms.expected;
import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads past a bad value instead of stopping at the first: an unknown field is skipped, a value of
 * the wrong form becomes null, and each is recorded as a problem at its JSON pointer, in words a
 * document's author understands (no Java type or parser exception names). A document with any
 * problem is then refused with all of them. Active only for reads that carry a {@link Sink} as the
 * {@link #ATTRIBUTE} attribute (an imported document, a REST request body); other reads fail on the
 * first problem as usual.
 */
public final class CollectedProblems extends DeserializationProblemHandler {

    public static final String ATTRIBUTE = "faultline.json.problems";

    /** Where the problems of one read go: the pointer of the value, and what is wrong with it. */
    @FunctionalInterface
    public interface Sink {
        void add(String pointer, String message);
    }

    private static Sink problems(DeserializationContext context) {
        return (Sink) context.getAttribute(ATTRIBUTE);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        Sink problems = problems(context);
        if (problems == null) {
            return false;
        }
        Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
        problems.add(pointer(p), "unknown field" + (known == null || known.isEmpty() ? ""
                : "; known fields here: " + known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "))));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
                                         String failureMsg) {
        return nullInstead(context, targetType, context.getParser(), "'" + value + "' is not " + expected(targetType));
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
                                         String failureMsg) {
        return nullInstead(context, targetType, context.getParser(), value + " is not " + expected(targetType));
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
                                        JsonParser p, String failureMsg) throws IOException {
        Object result = nullInstead(context, targetType.getRawClass(), p, "expected " + expected(targetType.getRawClass())
                + ", found " + found(token));
        if (result != NOT_HANDLED) {
            p.skipChildren();
        }
        return result;
    }

    private static Object nullInstead(DeserializationContext context, Class<?> type, JsonParser p, String message) {
        Sink problems = problems(context);
        if (problems == null || type.isPrimitive()) {
            return NOT_HANDLED;
        }
        problems.add(pointer(p), message);
        return null;
    }

    /** The pointer of the value the parser is on (a container's own pointer when it is on its start). */
    private static String pointer(JsonParser p) {
        var context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
            context = context.getParent();
        }
        return context.pathAsPointer().toString();
    }

    private static String found(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
