package dev.faultline.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers that keep a browser from misusing what Faultline serves: {@code nosniff} on every answer;
 * on every HTML page (exports, the UI) a Content-Security-Policy that allows nothing from elsewhere and
 * no framing, plus {@code X-Frame-Options} and {@code Referrer-Policy}. Swagger UI keeps the framing and
 * referrer rules but not the policy: its page runs an inline script.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                String type = headers.get("Content-Type");
                if (type != null && type.startsWith("text/html")) {
                    if (!context.normalizedPath().startsWith("/q/swagger-ui")) {
                        headers.set("Content-Security-Policy", POLICY);
                    }
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Referrer-Policy", "no-referrer");
                }
            });
            context.next();
        }, 100);
    }
}
