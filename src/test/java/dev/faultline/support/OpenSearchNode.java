package dev.faultline.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch 2.19 inside this JVM, from the server jars on Maven Central (no
 * Docker engine here): HTTP and transport on free loopback ports, its data in a directory deleted
 * at exit, with the modules the search index needs — Netty transport, the common analysis
 * (stemmer, synonyms, ASCII folding), Painless, and k-NN (the vector field, Lucene engine). Started
 * once per JVM, on first use; {@link #main} runs one on its own for benchmarks and the packaged
 * app (bench/run-backends.sh).
 */
public final class OpenSearchNode {

    /** The system property holding the address of the node this JVM started. */
    private static final String STARTED = "faultline.test.opensearch.hosts";

    private OpenSearchNode() {
    }

    /** {@code host:port} of this JVM's node, started on first call. */
    public static String hosts() {
        // a system property, not only a static field: Quarkus loads this class again in each test
        // application's class loader, and the node must start once per JVM
        synchronized (System.class) {
            String started = System.getProperty(STARTED);
            if (started == null) {
                started = start(freePort(), Path.of("target", "opensearch-" + ProcessHandle.current().pid()), true);
                System.setProperty(STARTED, started);
            }
            return started;
        }
    }

    /** Runs a node in the foreground: {@code OpenSearchNode <http port> <data directory>}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9200;
        Path home = Path.of(args.length > 1 ? args[1] : "target/opensearch-bench");
        System.out.println("OpenSearch listening on " + start(port, home, false));
        Thread.currentThread().join();
    }

    private static String start(int httpPort, Path home, boolean deleteAtExit) {
        try {
            home = home.toAbsolutePath();
            Files.createDirectories(home);
            Settings settings = Settings.builder()
                    .put("cluster.name", "faultline-test")
                    .put("node.name", "node-1")
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("path.logs", home.resolve("logs").toString())
                    .put("discovery.type", "single-node")
                    .put("network.host", "127.0.0.1")
                    .put("http.port", httpPort)
                    .put("transport.port", freePort())
                    .put("http.type", "netty4")
                    .put("transport.type", "netty4")
                    // a build machine's disk can be fuller than OpenSearch's 85 % watermark
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .build();
            Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node-1");
            // k-NN is unpacked from its zip onto the test class path (pom.xml), not a compile dependency
            Class<? extends Plugin> knn = Class.forName("org.opensearch.knn.plugin.KNNPlugin").asSubclass(Plugin.class);
            Node node = new PluginNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class,
                    PainlessPlugin.class, knn));
            node.start();
            Path data = home;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    node.close();
                } catch (IOException | RuntimeException e) {
                    // the JVM is ending
                }
                if (deleteAtExit) {
                    delete(data);
                }
            }, "opensearch-stop"));
            String address = "127.0.0.1:" + httpPort;
            awaitYellow(address);
            return address;
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM OpenSearch node did not start", e);
        }
    }

    private static void awaitYellow(String address) throws IOException, InterruptedException {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + address + "/_cluster/health?wait_for_status=yellow&timeout=60s"))
                .timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() != 200) {
            throw new IllegalStateException("OpenSearch is not healthy: " + health.body());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort, at exit
        }
    }

    /** A node with plugins from the class path (Node's own constructor for them is protected). */
    private static final class PluginNode extends Node {
        PluginNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }
}
