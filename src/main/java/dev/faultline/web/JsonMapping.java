package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.infra.json.IsoTimes;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The REST mapper reads times only from ISO-8601 strings ({@link IsoTimes}). */
@Singleton
public class JsonMapping implements ObjectMapperCustomizer {

    /** After Quarkus's own customizers: the module registered last decides how a type is read. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(IsoTimes.module());
    }
}
