import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Rewrites a multi-release jar as the plain jar a given Java release sees: each entry under
 * {@code META-INF/versions/N/} with N up to that release replaces its base entry (the highest N
 * wins), later versions are dropped, and the manifest loses {@code Multi-Release}. Run by the
 * build on the packaged app, with the source launcher:
 * {@code java src/build/FlattenMultiReleaseJar.java target/faultline.jar 17}.
 * <p>
 * Why: on JDK 17, a class archived in the class-data archive from a versioned entry crashes the
 * JVM when a class-file load hook is active (a Java agent, {@code -XX:StartFlightRecording}):
 * the hook reads the class's bytes at its base path, where there are none (JDK-8343427, fixed in
 * JDK 24). The app runs from one jar since docs/decisions.md "Start-up: one jar on the class
 * path", and the PostgreSQL driver, Jackson, Vert.x, Lucene and JBoss Logging ship such classes.
 */
public final class FlattenMultiReleaseJar {

    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/(.+)");

    public static void main(String... args) throws IOException {
        Path jar = Path.of(args[0]);
        int release = Integer.parseInt(args[1]);
        Path flat = jar.resolveSibling(jar.getFileName() + ".flat");
        int dropped = 0;
        try (JarFile in = new JarFile(jar.toFile())) {
            // entry name as Java `release` reads it → the entry its bytes come from
            Map<String, String> source = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                Matcher versioned = VERSIONED.matcher(name);
                if (!versioned.matches()) {
                    if (name.startsWith("META-INF/versions/")) {
                        continue; // the versions' own directory entries
                    }
                    source.putIfAbsent(name, name);
                    continue;
                }
                int n = Integer.parseInt(versioned.group(1));
                String base = versioned.group(2);
                if (n > release || base.equals("module-info.class") || base.endsWith("/")) {
                    dropped++;
                } else if (n > versionOf(source.get(base))) {
                    source.put(base, name);
                }
            }
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().remove(new Attributes.Name("Multi-Release"));
            try (OutputStream file = Files.newOutputStream(flat);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Map.Entry<String, String> entry : source.entrySet()) {
                    String name = entry.getKey();
                    if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF/")) {
                        continue;
                    }
                    ZipEntry from = in.getEntry(entry.getValue());
                    ZipEntry to = new ZipEntry(name);
                    to.setTime(from.getTime());
                    out.putNextEntry(to);
                    try (InputStream bytes = in.getInputStream(from)) {
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            long used = source.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count();
            System.out.printf("%s: flattened for Java %d (%d entries from META-INF/versions, %d left out)%n",
                    jar, release, used, dropped);
        }
        Files.move(flat, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The Java version an entry is read for: 0 for a base entry, -1 for none. */
    private static int versionOf(String entry) {
        if (entry == null) {
            return -1;
        }
        Matcher versioned = VERSIONED.matcher(entry);
        return versioned.matches() ? Integer.parseInt(versioned.group(1)) : 0;
    }
}
