package dev.faultline.web;

import dev.faultline.api.value.Limits;
import dev.faultline.web.problem.InvalidParameter;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every id in a path ({@code /api/incidents/{id}/timeline/{entryId}}, ...) must be a slug: a
 * malformed one is a 400 naming the path parameter, checked once here for all resources.
 */
public class PathIdFilter {

    private static final Pattern SLUG = Pattern.compile(Limits.ID_PATTERN);

    @ServerRequestFilter
    public void checkPathIds(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (!SLUG.matcher(value).matches()) {
                    throw new InvalidParameter(parameter.getKey(), "must match " + Limits.ID_PATTERN);
                }
            }
        }
    }
}
