package dev.faultline.infra.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a platform the jar ships no PostgreSQL for, the launcher ends at once with one line that says what
 * to set, instead of a stack trace (a child JVM told it runs on s390x).
 */
class UnsupportedPlatformTest {

    @Test
    void the_launcher_names_the_setting_to_use_in_one_line(@TempDir Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dos.arch=s390x", "-cp", System.getProperty("java.class.path"),
                FaultlineMain.class.getName()).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().put("FAULTLINE_DATA_DIR", data.toString());
        Process child = builder.start();
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended).as("the launcher ended").isTrue();
        List<String> lines = new String(child.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).toList();
        assertThat(child.exitValue()).isEqualTo(FaultlineMain.UNSUPPORTED_PLATFORM);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("no embedded PostgreSQL for", "s390x", "QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(Files.exists(data.resolve("pg/postmaster.pid"))).isFalse();
    }
}
