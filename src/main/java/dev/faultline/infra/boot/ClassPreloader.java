package dev.faultline.infra.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a second core, the classes a start-up is known to need, in the order it needs them,
 * while the main thread boots Quarkus. Start-up on this stack is mostly class loading (about
 * 10,000 classes from jars before the app is ready, docs/decisions.md "Start-up"), which is
 * single-threaded; Quarkus's class loader is parallel-capable, so the main thread then finds most
 * classes already defined. Classes are loaded, not initialized: no static initializer runs out
 * of its order. The list ({@value #LIST}) comes from a recorded start-up; a class it names that
 * no longer exists is skipped, and a class it misses is loaded by the main thread as before.
 */
public final class ClassPreloader {

    /** Resource naming one class per line, in start-up order. */
    public static final String LIST = "META-INF/faultline/startup-classes.txt";

    private ClassPreloader() {
    }

    /** Starts the preloading thread (a daemon: it never holds the JVM up) unless {@code faultline.preload=false}. */
    public static void start(ClassLoader loader) {
        if ("false".equalsIgnoreCase(System.getProperty("faultline.preload"))) {
            return;
        }
        Thread thread = new Thread(() -> preload(loader, LIST), "class-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Loads every class the resource {@code list} names that it can; returns how many it loaded. */
    static int preload(ClassLoader loader, String list) {
        return forEachListed(loader, list, false);
    }

    /**
     * Loads and links (verifies, without initializing) every class the resource {@code list} names
     * that it can; returns how many. For the class-data training run: the JVM archives only linked
     * classes, and a start-up loads about 2,000 classes that it never links (types its verifier
     * checks, classes the preloader loads ahead), which a start from the archive would otherwise
     * read from the jars again.
     */
    public static int link(ClassLoader loader, String list) {
        return forEachListed(loader, list, true);
    }

    private static int forEachListed(ClassLoader loader, String list, boolean link) {
        int done = 0;
        try (InputStream in = loader.getResourceAsStream(list)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (!name.isBlank() && load(name.strip(), loader, link)) {
                    done++;
                }
            }
        } catch (IOException e) {
            // an unreadable list only means no head start
        }
        return done;
    }

    private static boolean load(String name, ClassLoader loader, boolean link) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (link) {
                // the JVM links a class before it lists its members; no static initializer runs
                type.getDeclaredConstructors();
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
