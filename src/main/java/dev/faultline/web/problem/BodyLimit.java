package dev.faultline.web.problem;

import io.vertx.core.http.HttpServerRequest;

/** The request body limit (1 MB; imports stream and have their own), and whether a request passed it. */
public final class BodyLimit {

    public static final long BYTES = 1024 * 1024;

    private BodyLimit() {
    }

    /** Whether the request's body was read past its limit (and cut off there). */
    public static boolean exceeded(HttpServerRequest request) {
        return request.bytesRead() > BYTES && !request.path().startsWith("/api/import");
    }
}
