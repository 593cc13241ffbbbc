package dev.faultline.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} (an extension member) lists each offending field:
 * a JSON pointer into the request body, or the name of a path/query parameter or header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One offending input: {@code pointer} (RFC 6901) into the body, or {@code parameter} for a path
     * or query parameter or header. {@code field} repeats whichever applies (deprecated: the name
     * before import and REST errors shared {@code pointer}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String pointer, String parameter, String message) {

        public FieldError(String field, String message) {
            this(field, field.startsWith("/") ? field : null, field.startsWith("/") ? null : field, message);
        }
    }

    public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null,
                errors == null || errors.isEmpty() ? null : errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
