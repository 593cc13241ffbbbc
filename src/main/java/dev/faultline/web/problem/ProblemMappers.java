package dev.faultline.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.faultline.query.search.SearchIndexes;
import dev.faultline.api.command.CommandRejected;
import dev.faultline.failure.DatabaseUnavailable;
import dev.faultline.failure.OutOfMemoryExit;
import dev.faultline.format.ValueForms;
import dev.faultline.web.problem.Problem.FieldError;
import io.vertx.core.http.HttpClosedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem: invalid input is a 4xx naming each bad field,
 * never a 500 and never a stack trace. Only a genuine server fault is a 500, and it is logged.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response rejected(CommandRejected e, io.vertx.core.http.HttpServerRequest request) {
        boolean inBody = request.method() == io.vertx.core.http.HttpMethod.POST;
        Status status = switch (e.reason()) {
            case INVALID -> Status.BAD_REQUEST;
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.CONFLICT;
        };
        List<FieldError> errors = !e.problems().isEmpty()
                ? e.problems().stream().map(p -> new FieldError(publicName(p.field(), inBody), p.message())).toList()
                : e.field() == null ? List.of() : List.of(new FieldError(publicName(e.field(), inBody), e.getMessage()));
        return Problem.of(status, e.getMessage(), errors).toResponse();
    }

    /** No credentials (or an anonymous reader writing): 401, with the scheme to use. */
    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return unauthorized("this needs an API token: send 'Authorization: Bearer <token>' (docs/security.md)");
    }

    /** Credentials that are not a live token: 401. */
    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthorized(e.getMessage() == null ? "the credentials were refused" : e.getMessage());
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "Bearer realm=\"faultline\"").build();
    }

    /** Authenticated, but the role does not allow it: 403. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return Problem.of(403, "Forbidden", "your role does not allow this (roles: reader < editor < admin; docs/security.md)")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response badRequest(InvalidParameter e) {
        return e.toResponse();
    }

    /** Bean Validation of a command, done by Axon's dispatch interceptor. */
    @ServerExceptionMapper
    public Response invalidCommand(JSR303ViolationException e, io.vertx.core.http.HttpServerRequest request) {
        boolean inBody = request.method() == io.vertx.core.http.HttpMethod.POST;
        List<FieldError> errors = e.getViolations().stream()
                .map(v -> new FieldError(publicName(field(v.getPropertyPath()), inBody), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return Problem.of(Status.BAD_REQUEST, "invalid request: " + errors.size() + " field(s) rejected", errors)
                .toResponse();
    }

    /**
     * A command field as the client named it (api.command.FieldNames): a fact's id is {@code /id} in a
     * POST body and its path parameter otherwise; other fields are pointers into the body.
     */
    private static String publicName(String field, boolean inBody) {
        String bare = field.startsWith("/") ? field.substring(1) : field;
        if (dev.faultline.api.command.FieldNames.isId(bare) || bare.equals("otherIncidentId")) {
            return dev.faultline.api.command.FieldNames.of(bare, inBody || bare.equals("otherIncidentId"));
        }
        return pointer(field);
    }

    @ServerExceptionMapper
    public Response notFound(AggregateNotFoundException e) {
        String id = String.valueOf(e.getAggregateIdentifier());
        return Problem.of(Status.NOT_FOUND, id.startsWith("template:") ? "no template " + id.substring(9)
                : "no incident " + id, null).toResponse();
    }

    @ServerExceptionMapper
    public Response stale(ConflictingAggregateVersionException e) {
        return Problem.of(Status.PRECONDITION_FAILED, "If-Match names version " + e.getExpectedVersion()
                + " but incident " + e.getAggregateIdentifier() + " is at version " + e.getActualVersion()
                + "; read it again and retry", List.of(new FieldError("If-Match", "stale version"))).toResponse();
    }

    /** The search index is still opening right after start (or failed to open): retry shortly. */
    @ServerExceptionMapper
    public Response indexNotOpen(SearchIndexes.NotOpen e) {
        return Response.fromResponse(Problem.of(503, "Search index not open", e.getMessage()).toResponse())
                .header("Retry-After", "1").build();
    }

    /** Another writer appended the same sequence number first. */
    @ServerExceptionMapper
    public Response concurrent(ConcurrencyException e) {
        return Problem.of(Status.CONFLICT, "another write to this incident won the race; read it again and retry",
                null).toResponse();
    }

    /** A declaration under an id that is taken. */
    @ServerExceptionMapper
    public Response idTaken(AggregateStreamCreationException e) {
        String id = e.getMessage().replaceFirst("(?s)^.*?\\[([^\\]]+)\\].*$", "$1");
        return Problem.of(Status.CONFLICT, "an incident with id " + id + " already exists",
                List.of(new FieldError("/id", "already exists"))).toResponse();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        return badBody(e, "unknown field" + known);
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e) {
        return badBody(e, "'" + e.getValue() + "' is not " + ValueForms.expected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return badBody(e, "expected " + ValueForms.expected(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response cannotBuild(ValueInstantiationException e) {
        return badBody(e, e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response badMapping(JsonMappingException e) {
        return badBody(e, e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return Problem.of(Status.BAD_REQUEST, "malformed JSON" + where + ": " + e.getOriginalMessage(), null)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response r = e.getResponse();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? badBody(mapping, mapping.getOriginalMessage())
                    : malformed(json);
        }
        String title = r.getStatusInfo().getReasonPhrase();
        return Problem.of(r.getStatus(), title, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response lastResort(Throwable e, io.vertx.core.http.HttpServerRequest request) {
        if (BodyLimit.exceeded(request)) {
            // the body stream stopped at the limit (its own 413 is on the way): not a server fault
            return Problem.of(413, "Content Too Large", "request bodies are limited to 1 MB").toResponse();
        }
        return unexpected(e);
    }

    Response unexpected(Throwable e) {
        if (clientGone(e)) {
            // the client hung up while its request body was being read (a load generator stopping,
            // a cancelled upload): nothing failed here, nothing was written, and nobody reads the answer
            LOG.debugf("client closed the connection mid-request: %s", e);
            return Problem.of(Status.BAD_REQUEST, "incomplete request: the client closed the connection", null)
                    .toResponse();
        }
        OutOfMemoryExit.haltIfOutOfMemory(e);
        if (DatabaseUnavailable.causes(e)) {
            return databaseUnavailable(e);
        }
        LOG.error("unexpected failure", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "unexpected server error; it has been logged", null)
                .toResponse();
    }

    /**
     * The database is down, restarting or cut off: temporary, so 503 with {@code Retry-After}. A
     * write whose connection broke while it committed may have been stored; the detail says how to
     * find out without risk (the same ids again: a stored fact answers {@code changed: false}).
     */
    private static Response databaseUnavailable(Throwable e) {
        LOG.warnf("database unavailable: %s", rootMessage(e));
        return Response.fromResponse(Problem.of(503, "Database unavailable", DATABASE_UNAVAILABLE).toResponse())
                .header("Retry-After", "2").build();
    }

    static final String DATABASE_UNAVAILABLE = "The database cannot be reached right now (it is restarting, or the "
            + "connection was lost); retry in a few seconds. A write that failed this way may or may not have been "
            + "stored: send it again with the same ids (entryId, rootCauseId, ...). A fact that is already stored "
            + "answers \"changed\": false and nothing is recorded twice.";

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Whether the failure is the client's connection closing, however deeply it is wrapped. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A violation's path as the client knows the field: a JSON pointer into the body for command
     * fields ({@code /timeline/0/text}), the bare name for method parameters.
     */
    private static String field(Path path) {
        StringBuilder pointer = new StringBuilder();
        boolean parameter = false;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR -> parameter = true;
                case PARAMETER -> {
                    return node.getName();
                }
                case CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null) {
                        pointer.append('/').append(node.getIndex());
                    }
                }
                default -> {
                    if (node.getName() != null) {
                        pointer.append('/').append(node.getName());
                    }
                    if (node.getIndex() != null) {
                        pointer.append('/').append(node.getIndex());
                    }
                }
            }
        }
        return parameter || pointer.isEmpty() ? path.toString() : pointer.toString();
    }

    private static Response badBody(JsonMappingException e, String message) {
        String pointer = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
        return Problem.of(Status.BAD_REQUEST, "invalid request body: " + pointer + ": " + message,
                List.of(new FieldError(pointer, message))).toResponse();
    }

    private static String pointer(String field) {
        return field.startsWith("/") || Character.isUpperCase(field.charAt(0)) ? field
                : "/" + field.replace("[", "/").replace("]", "");
    }
}
