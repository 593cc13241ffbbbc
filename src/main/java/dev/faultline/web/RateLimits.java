package dev.faultline.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faultline.web.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-credential rate limits on writes and exports (issue 20): each credential (the hash of its
 * {@code Authorization} header; the client's address when there is none) has a bucket per kind that
 * refills at {@code faultline.rate-limit.writes-per-minute} / {@code exports-per-minute} and holds a
 * minute's worth; an empty bucket is a 429 with {@code Retry-After}. 0 turns a limit off.
 */
@ApplicationScoped
public class RateLimits {

    private final int writesPerMinute;
    private final int exportsPerMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    RateLimits(@ConfigProperty(name = "faultline.rate-limit.writes-per-minute", defaultValue = "1200") int writesPerMinute,
               @ConfigProperty(name = "faultline.rate-limit.exports-per-minute", defaultValue = "120") int exportsPerMinute) {
        this.writesPerMinute = writesPerMinute;
        this.exportsPerMinute = exportsPerMinute;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request, HttpServerRequest http) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        boolean write = !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
        boolean export = !write && (path.startsWith("/api/export/") || path.endsWith("/postmortem"));
        int perMinute = write ? writesPerMinute : export ? exportsPerMinute : 0;
        if (perMinute <= 0 || !path.startsWith("/api/")) {
            return null;
        }
        String authorization = request.getHeaderString("Authorization");
        String who = authorization != null ? hash(authorization)
                : http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        String kind = write ? "writes" : "exports";
        long waitNanos = buckets.get(kind + ":" + who, key -> new Bucket(perMinute)).take();
        if (waitNanos == 0) {
            return null;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return Response.fromResponse(Problem.of(429, "Too Many Requests", "more than " + perMinute + " " + kind
                + " a minute with this credential (faultline.rate-limit." + kind + "-per-minute); retry in "
                + seconds + " s").toResponse()).header("Retry-After", seconds).build();
    }

    private static String hash(String credential) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token bucket of a minute's worth of requests, refilled continuously. */
    static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
        }

        /** 0 when a request may go now, else the nanoseconds until one may. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
