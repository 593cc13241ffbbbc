package dev.faultline.web;

import dev.faultline.web.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request bodies are limited to 1 MB, except on {@code /api/import}, which streams bulk NDJSON up to
 * {@code quarkus.http.limits.max-body-size} (its per-document limit is in DocumentReader). The
 * limit counts the bytes actually read, not only a declared {@code Content-Length}: a chunked body
 * has none, and was once read whole into memory. A declared length over the limit is refused with
 * a problem before anything is read; a chunked body is cut off with 413 once it passes the limit.
 *
 * <p>Runs right after Quarkus's own upload-limit route, which records the global limit on each
 * request for the request-body stream to enforce; this route lowers it for every path but import.
 */
@ApplicationScoped
public class BodyLimits {

    static final long LIMIT = dev.faultline.web.problem.BodyLimit.BYTES;
    /** The key Quarkus's request-body stream reads its byte limit from (VertxHttpRecorder.MAX_REQUEST_SIZE_KEY). */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    /** Just after Quarkus's upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    private static final int ORDER = -1;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::limit);
    }

    void limit(RoutingContext request) {
        if (request.request().path().startsWith("/api/import")) {
            request.next();
            return;
        }
        String declared = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = parse(declared);
        if (length > LIMIT) {
            Problem problem = Problem.of(413, "Content Too Large",
                    "request bodies are limited to 1 MB (" + length + " bytes sent)");
            request.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.json.JsonObject.mapFrom(problem).encode());
            return;
        }
        request.put(MAX_REQUEST_SIZE_KEY, LIMIT);
        request.next();
    }

    /**
     * When the stream stops a chunked body at the limit, the reader sees the body end early and the
     * request may fail as malformed before the stream's own 413 goes out: answer it as too large.
     */
    @ServerResponseFilter
    public void tooLarge(ContainerResponseContext response, HttpServerRequest request) {
        if ((response.getStatus() == 400 || response.getStatus() == 500) && dev.faultline.web.problem.BodyLimit.exceeded(request)) {
            Problem problem = Problem.of(413, "Content Too Large",
                    "request bodies are limited to 1 MB; reading stopped at " + request.bytesRead() + " bytes");
            response.setStatus(413);
            response.setEntity(problem, null, MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }

    private static long parse(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // an unreadable length: refuse rather than guess
        }
    }
}
