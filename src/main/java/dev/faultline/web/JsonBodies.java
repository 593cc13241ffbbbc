package dev.faultline.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.format.CollectedProblems;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.Problem.FieldError;
import dev.faultline.web.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the API's JSON request bodies (the application's own types) past their first bad value:
 * every unknown field and every value of the wrong form is named, each at its JSON pointer, in one
 * 400 ({@link CollectedProblems}, as an import does). An empty body reads as none, for the
 * resource to say a body is required. Anything else Jackson refuses goes to the usual mappers.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodies implements MessageBodyReader<Object> {

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getName().startsWith("dev.faultline.");
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        List<FieldError> problems = new ArrayList<>();
        Object value;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            value = mapper.readerFor(mapper.constructType(genericType))
                    .withAttribute(CollectedProblems.ATTRIBUTE,
                            (CollectedProblems.Sink) (pointer, message) -> problems.add(new FieldError(
                                    pointer.isEmpty() ? "/" : pointer, message)))
                    .readValue(parser);
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "invalid request body: "
                    + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")),
                    List.copyOf(problems)));
        }
        return value;
    }
}
