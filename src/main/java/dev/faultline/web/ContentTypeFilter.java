package dev.faultline.web;

import dev.faultline.web.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A write is read only in a media type its endpoint declares ({@code @Consumes}); anything else,
 * a missing {@code Content-Type} included, is a 415 listing the accepted types. Without this, a POST
 * with no type was parsed as JSON, so a page on another origin could send one as a "simple" request
 * (no CORS preflight) to an instance on the intranet.
 */
public class ContentTypeFilter {

    @ServerRequestFilter
    public Response checkContentType(ContainerRequestContext request, ResourceInfo resource) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            return null;
        }
        List<MediaType> accepted = accepted(resource);
        if (accepted.isEmpty()) {
            return null; // a write without a body (an action such as a rebuild)
        }
        MediaType given = request.getMediaType();
        if (given != null && accepted.stream().anyMatch(a -> a.isCompatible(given))) {
            return null;
        }
        String list = String.join(", ", accepted.stream().map(MediaType::toString).toList());
        return Problem.of(415, "Unsupported Media Type", (given == null ? "no Content-Type given" : "Content-Type "
                + given.getType() + "/" + given.getSubtype() + " is not accepted") + "; send one of: " + list)
                .toResponse();
    }

    private static List<MediaType> accepted(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return List.of();
        }
        return Arrays.stream(consumes.value()).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .map(MediaType::valueOf).toList();
    }
}
