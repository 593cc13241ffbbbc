package dev.faultline.infra.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupClassesTest {

    @Test
    void linksTheListedClassesThatExistAndSkipsTheRest() {
        RecordingLoader loader = new RecordingLoader();
        assertThat(StartupClasses.link(loader, "boot/some-classes.txt")).isEqualTo(2);
        assertThat(loader.asked).containsExactly("java.util.concurrent.Phaser", "dev.faultline.NoSuchClass",
                "java.util.zip.Adler32");
    }

    @Test
    void aMissingListLinksNothingAndIsNoError() {
        assertThat(StartupClasses.link(getClass().getClassLoader(), "boot/no-such-list.txt")).isZero();
    }

    /**
     * The recorded list goes stale when dependencies change: classes it names disappear and the
     * archive misses classes without anyone noticing. Outside the packaged app Quarkus's generated
     * classes (io.quarkus.runner, beans, proxies: about a tenth of the list) are missing; beyond that, rerun
     * bench/startup-classes.sh.
     */
    @Test
    void theRecordedStartUpListIsCurrent() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        long listed;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                loader.getResourceAsStream(StartupClasses.LIST), StandardCharsets.UTF_8))) {
            listed = lines.lines().filter(line -> !line.isBlank()).count();
        }
        int loaded = StartupClasses.link(loader, StartupClasses.LIST);
        assertThat(listed).isGreaterThan(5_000);
        assertThat((double) loaded / listed).as("share of the start-up list that loads").isGreaterThan(0.85);
    }

    /** Set by {@link Tripwire}'s static initializer, which linking may not run. */
    static final java.util.concurrent.atomic.AtomicBoolean TRIPPED = new java.util.concurrent.atomic.AtomicBoolean();

    static final class Tripwire {
        static {
            TRIPPED.set(true);
        }
    }

    @Test
    void linkingForTheArchiveLoadsTheListedClassesWithoutInitializingThem() {
        RecordingLoader loader = new RecordingLoader();
        assertThat(StartupClasses.link(loader, "boot/tripwire.txt")).isEqualTo(2);
        assertThat(loader.asked).contains(Tripwire.class.getName(), "dev.faultline.NoSuchClass");
        assertThat(TRIPPED).as("no static initializer ran").isFalse();
    }

    private static final class RecordingLoader extends URLClassLoader {
        final java.util.List<String> asked = new java.util.ArrayList<>();

        RecordingLoader() {
            super(new URL[0], StartupClassesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            return StartupClassesTest.class.getClassLoader().getResourceAsStream(name);
        }
    }
}
