package dev.faultline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.format.IsoTimes;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The REST mapper reads times only from ISO-8601 strings ({@link IsoTimes}) and enums only by name. */
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
        // inactive unless a read asks for it: JsonBodies collects every bad value of a request body
        mapper.addHandler(new dev.faultline.format.CollectedProblems());
        // an enum is named, never numbered: 7 is not a kind (Jackson would take the eighth constant)
        mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
