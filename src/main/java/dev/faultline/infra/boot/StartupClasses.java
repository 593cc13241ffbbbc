package dev.faultline.infra.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The classes a start-up is known to need ({@value #LIST}, recorded from a real start by
 * {@code bench/startup-classes.sh}), linked by the class-data training run before the JVM writes
 * its archive (docs/decisions.md, "Start-up: a class-data archive"). The JVM archives only classes
 * it has linked, and a start-up loads about 2,000 classes it never links (types its verifier
 * checks), which a start from the archive would otherwise read from the jar again. A class the
 * list names that no longer exists is skipped; a class it misses is read from the jar at each
 * start, as without the archive.
 */
public final class StartupClasses {

    /** Resource naming one class per line, in start-up order. */
    public static final String LIST = "META-INF/faultline/startup-classes.txt";

    private StartupClasses() {
    }

    /**
     * Loads and links (verifies, without initializing: no static initializer runs) every class
     * the resource {@code list} names that it can; returns how many.
     */
    public static int link(ClassLoader loader, String list) {
        int done = 0;
        try (InputStream in = loader.getResourceAsStream(list)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (!name.isBlank() && link(name.strip(), loader)) {
                    done++;
                }
            }
        } catch (IOException e) {
            // an unreadable list only means a smaller archive
        }
        return done;
    }

    private static boolean link(String name, ClassLoader loader) {
        try {
            // the JVM links a class before it lists its members
            Class.forName(name, false, loader).getDeclaredConstructors();
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
