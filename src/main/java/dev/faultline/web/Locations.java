package dev.faultline.web;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code Location} headers: the configured public address ({@code faultline.base-url}, e.g.
 * {@code https://faultline.example.com}) and the path, or the path alone when none is configured.
 * Never built from the request's {@code Host} header, which the client chooses (JAX-RS's
 * {@code created(URI)} resolves a relative URI against it, so the header is set as given).
 */
final class Locations {

    private Locations() {
    }

    static Response.ResponseBuilder created(String path) {
        return at(Response.status(Response.Status.CREATED), path);
    }

    static Response.ResponseBuilder at(Response.ResponseBuilder builder, String path) {
        Optional<String> base = ConfigProvider.getConfig().getOptionalValue("faultline.base-url", String.class)
                .map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        return builder.header("Location", base.map(b -> b + path).orElse(path));
    }
}
