package dev.faultline.infra.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassDataTrainingTest {

    private static final String PORT = "quarkus.http.port";
    private final String portBefore = System.getProperty(PORT);

    @AfterEach
    void restore() {
        System.clearProperty(ClassDataTraining.PROPERTY);
        if (portBefore == null) {
            System.clearProperty(PORT);
        } else {
            System.setProperty(PORT, portBefore);
        }
    }

    @Test
    void anOrdinaryStartRunsQuarkussOwnApplicationOnItsConfiguredPort() throws Exception {
        System.setProperty(PORT, "8080");
        assertThat(ClassDataTraining.ifRequested()).isNull();
        assertThat(System.getProperty(PORT)).isEqualTo("8080");
    }

    @Test
    void aTrainingRunListensOnAFreePort() throws Exception {
        System.setProperty(ClassDataTraining.PROPERTY, "true");
        System.setProperty(PORT, "8080");
        assertThat(ClassDataTraining.ifRequested()).isEqualTo(ClassDataTraining.class);
        int port = Integer.parseInt(System.getProperty(PORT));
        assertThat(port).isPositive().isNotEqualTo(8080);
    }

    @Test
    void theTrainingRunStopsOnceTheReadinessCheckAnswers200() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            // not ready for the first two calls, as while the search index opens
            int status = asked.incrementAndGet() <= 2 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            System.setProperty(PORT, Integer.toString(server.getAddress().getPort()));
            assertThat(new ClassDataTraining().run()).isZero();
            assertThat(asked.get()).isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }
}
