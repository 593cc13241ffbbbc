package dev.faultline.infra.boot;

import io.quarkus.runtime.QuarkusApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The training run of the class-data archive: with {@code -Dfaultline.class-data-training=true}
 * the app starts as usual, waits until its own readiness check answers 200 over HTTP (what a
 * start-up benchmark or an orchestrator waits for), then stops. The build runs it once under
 * {@code -XX:ArchiveClassesAtExit}, so the JVM writes every class the start-up needed, parsed and
 * verified, into {@code target/faultline.jsa}; the README's command maps that archive
 * with {@code -XX:SharedArchiveFile} (docs/decisions.md, "Start-up: a class-data archive").
 */
public final class ClassDataTraining implements QuarkusApplication {

    /** The system property that turns a start into a training run. */
    public static final String PROPERTY = "faultline.class-data-training";
    private static final Logger LOG = Logger.getLogger(ClassDataTraining.class);
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private static final String PORT = "quarkus.http.port";

    /**
     * The application class for {@code Quarkus.run}: this one for a training run, which then
     * listens on a free port (a build must not fail because something already serves 8080), or
     * null, Quarkus's own, which serves until it is stopped.
     */
    public static Class<? extends QuarkusApplication> ifRequested() throws IOException {
        if (!Boolean.getBoolean(PROPERTY)) {
            return null;
        }
        try (ServerSocket free = new ServerSocket(0)) {
            System.setProperty(PORT, Integer.toString(free.getLocalPort()));
        }
        return ClassDataTraining.class;
    }

    @Override
    public int run(String... args) throws IOException, InterruptedException {
        URI ready = URI.create("http://localhost:" + System.getProperty(PORT) + "/q/health/ready");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    int linked = StartupClasses.link(ClassDataTraining.class.getClassLoader(), StartupClasses.LIST);
                    LOG.infof("class-data training: ready; %d start-up classes linked for the archive; stopping", linked);
                    return 0;
                }
            } catch (IOException notYet) {
                // the listener is up before run() is called; a refused call is only retried
            }
            Thread.sleep(100);
        }
        LOG.errorf("class-data training: %s did not answer 200 within %s", ready, READY_WITHIN);
        return 1;
    }
}
