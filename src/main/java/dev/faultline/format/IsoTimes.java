package dev.faultline.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Times are read only from ISO-8601 strings. Jackson's own deserializers also take numbers as
 * epoch seconds (or an array for a date), and {@code 1e308} came out as 1970-01-01: a client's
 * mistake silently stored as a wrong fact. Registered on the REST mapper and the import mappers.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-times");
        module.addDeserializer(Instant.class, onlyStrings(Instant.class, InstantDeserializer.INSTANT));
        module.addDeserializer(LocalDate.class, onlyStrings(LocalDate.class, LocalDateDeserializer.INSTANCE));
        return module;
    }

    private static <T> JsonDeserializer<T> onlyStrings(Class<T> type, JsonDeserializer<T> delegate) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(context.handleUnexpectedToken(type, p));
                }
                return delegate.deserialize(p, context);
            }

            @Override
            public Class<?> handledType() {
                return type;
            }
        };
    }
}
