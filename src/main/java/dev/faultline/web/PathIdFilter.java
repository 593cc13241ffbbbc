package dev.faultline.web;

import dev.faultline.api.value.Limits;
import dev.faultline.web.problem.InvalidParameter;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every id in a path ({@code /api/incidents/{id}/timeline/{entryId}}, ...) must be a slug, and a
 * {@code {label}} a taxonomy label name: a malformed one is a 400 naming the path parameter,
 * checked once here for all resources. A pattern {@code {key}} is one to three labels joined by '+'.
 */
public class PathIdFilter {

    private static final Pattern SLUG = Pattern.compile(Limits.ID_PATTERN);
    private static final Pattern LABEL = Pattern.compile(Limits.LABEL_PATTERN);
    private static final String KEY_PATTERN = "one to three labels (" + Limits.LABEL_PATTERN + ") joined by '+'";

    @ServerRequestFilter
    public void checkPathIds(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters().entrySet()) {
            boolean label = "label".equals(parameter.getKey());
            for (String value : parameter.getValue()) {
                if ("key".equals(parameter.getKey())) {
                    if (value.length() > 200 || !isPatternKey(value)) {
                        throw new InvalidParameter("key", "must be " + KEY_PATTERN);
                    }
                    continue;
                }
                if (!(label ? LABEL : SLUG).matcher(value).matches() || value.length() > 200) {
                    throw new InvalidParameter(parameter.getKey(),
                            "must match " + (label ? Limits.LABEL_PATTERN : Limits.ID_PATTERN));
                }
            }
        }
    }

    private static boolean isPatternKey(String key) {
        String[] labels = key.split("\\+", -1);
        if (labels.length > 3) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
