package dev.faultline.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar ({@code target/faultline.jar}) run as its users run it, in a process of its own:
 * {@code java -jar} with a data directory, a port and the environment given, its output in
 * {@code app.log} in the data directory. For the integration tests (failsafe).
 */
public final class PackagedApp {

    public static final Path JAR = Path.of(System.getProperty("faultline.jar", "target/faultline.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private String token;

    /** An app on a free port whose data lives in {@code dataDir}; {@code environment} is added to this JVM's. */
    public PackagedApp(Path dataDir, Map<String, String> environment) throws IOException {
        this.dataDir = dataDir;
        this.environment = new HashMap<>(environment);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return dataDir.resolve("app.log");
    }

    /** The bearer token sent with each request (null: none). */
    public PackagedApp token(String token) {
        this.token = token;
        return this;
    }

    /** Starts the jar and waits until it reports ready, at most 90 s. */
    public void start() throws Exception {
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().put("FAULTLINE_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("app exited early:\n" + Files.readString(log()));
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready in 90 s:\n" + Files.readString(log()));
    }

    /** SIGTERM, as an operator stops it; killed if it has not stopped in 30 s. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json, String ifMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            authorized.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(authorized.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
