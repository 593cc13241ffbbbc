package dev.faultline.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The few OpenSearch calls Hibernate Search does not make: reading and moving the aliases that
 * say which index generation serves, and deleting old generations. Plain JSON over HTTP, tried on
 * each of {@code faultline.search.hosts} in turn; every call is bounded (2 s to connect, 30 s in all).
 */
final class OpenSearchRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> hosts;
    private final String protocol;
    private final String authorization;
    private final String username;
    private final String password;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OpenSearchRest(String hosts, String protocol, String username, String password) {
        this.hosts = Arrays.stream(hosts.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        if (this.hosts.isEmpty()) {
            throw new IllegalArgumentException("faultline.search.hosts names no host");
        }
        this.protocol = protocol;
        this.username = username;
        this.password = password;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    /** For Hibernate Search: the same hosts, protocol and credentials. */
    String hosts() {
        return String.join(",", hosts);
    }

    String protocol() {
        return protocol;
    }

    /** Hibernate Search's credential properties, when there are credentials. */
    java.util.Map<String, String> credentials() {
        if (username == null) {
            return java.util.Map.of();
        }
        return java.util.Map.of("hibernate.search.backend.username", username,
                "hibernate.search.backend.password", password == null ? "" : password);
    }

    /** The response to a GET, or null on 404. */
    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        return response.statusCode() == 404 ? null : json(response);
    }

    /** True when a HEAD finds it. */
    boolean exists(String path) {
        return send("HEAD", path, null).statusCode() == 200;
    }

    JsonNode post(String path, Object body) {
        return json(send("POST", path, body));
    }

    /** Deletes; a missing target is no error. */
    void delete(String path) {
        HttpResponse<String> response = send("DELETE", path, null);
        if (response.statusCode() != 404) {
            json(response);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("OpenSearch answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.request().uri().getPath() + ": " + abbreviated(response.body()));
        }
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("OpenSearch answered what is not JSON: " + abbreviated(response.body()), e);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        RuntimeException failure = null;
        for (String host : hosts) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(protocol + "://" + host + path))
                        .timeout(TIMEOUT)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .header("Content-Type", "application/json");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failure = new IllegalStateException("OpenSearch at " + host + " cannot be reached: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling OpenSearch", e);
            }
        }
        throw failure;
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
