package dev.faultline.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The web UI (built from {@code ui/} into the jar, served at /) navigates on the client: a page such
 * as {@code /incidents/cloudflare-2025-11-18}, opened directly or reloaded, gets the UI's index page,
 * whose script then shows that incident.
 */
@ApplicationScoped
public class UiRoutes {

    /** The UI's own pages: everything else (/api, /q, the UI's assets) is served as it is. */
    static final Pattern PAGES = Pattern.compile("^/(incidents/[a-z0-9][a-z0-9-]*|patterns(/[^/]+)?|remediations|import|new)/?$");

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (context.request().method() == HttpMethod.GET && PAGES.matcher(path).matches()) {
                context.reroute("/index.html");
                return;
            }
            if ("/".equals(path) || "/index.html".equals(path)) {
                // the page names this build's assets (their names carry a hash, so they may be cached for good)
                context.addHeadersEndHandler(ignored -> context.response().headers().set("Cache-Control", "no-cache"));
            }
            context.next();
        }, 200);
    }
}
