package dev.faultline.web;

import dev.faultline.web.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies are limited to 1 MB, except on {@code /api/import}, which streams bulk NDJSON
 * (its per-document limit is in DocumentReader). Over the limit: 413 before the body is read.
 */
public class BodySizeFilter {

    static final long LIMIT = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        if (request.getLength() > LIMIT && !request.getUriInfo().getPath().startsWith("/api/import")) {
            return Problem.of(413, "Content Too Large",
                    "request bodies are limited to 1 MB (" + request.getLength() + " bytes sent)").toResponse();
        }
        return null;
    }
}
