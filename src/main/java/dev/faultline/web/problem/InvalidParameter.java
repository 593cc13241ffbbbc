package dev.faultline.web.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A query parameter or header the client got wrong; answered with 400 naming it. */
public final class InvalidParameter extends RuntimeException {

    private final String field;

    public InvalidParameter(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public Response toResponse() {
        return Problem.of(Response.Status.BAD_REQUEST, field + ": " + getMessage(),
                List.of(new Problem.FieldError(field, getMessage()))).toResponse();
    }
}
