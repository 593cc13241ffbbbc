package dev.faultline.failure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM whose heap ran out ends, with the status of -XX:+ExitOnOutOfMemoryError, instead of lingering. */
class OutOfMemoryExitTest {

    /** The child JVM: a non-daemon thread keeps it alive, another thread runs out of heap. */
    public static void main(String[] args) throws Exception {
        OutOfMemoryExit.install();
        Thread keepAlive = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        keepAlive.start();
        new Thread(() -> {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1_000_000]);
            }
        }).start();
        keepAlive.join();
    }

    @Test
    void an_out_of_memory_error_in_any_thread_ends_the_process() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                OutOfMemoryExitTest.class.getName()).redirectErrorStream(true).start();
        boolean ended = child.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended).as("the JVM ended instead of lingering with its live threads").isTrue();
        assertThat(child.exitValue()).isEqualTo(OutOfMemoryExit.STATUS);
        assertThat(new String(child.getInputStream().readAllBytes())).contains("out of memory");
    }
}
