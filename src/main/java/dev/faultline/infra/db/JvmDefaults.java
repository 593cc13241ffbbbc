package dev.faultline.infra.db;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM flags the run command does not make the user type. {@code java -jar faultline.jar} without
 * a heap bound gets a quarter of the machine's memory as its maximum heap, and G1 grows into it
 * under load: 2.1 GB resident while the search index caught up after a 100k-incident import on a
 * 24 GB machine, where {@code -Xmx512m} kept it under 1 GB. So when the JVM was started with no
 * heap bound of the user's own, the launcher starts the application in a child JVM with
 * {@link #FLAGS} and the same arguments, and stands by: it passes a SIGTERM or Ctrl-C on, and exits
 * with the child's status. The child ends itself if the launcher is killed outright. A heap flag
 * given by the user (on the command line, in {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS})
 * means no child: their choice stands. {@code FAULTLINE_LAUNCHER=off} turns this off.
 */
final class JvmDefaults {

    /** The defaults: a bounded heap, and early tenuring (docs/decisions.md, "Early tenuring"). */
    static final List<String> FLAGS = List.of("-Xmx512m", "-XX:MaxTenuringThreshold=1");

    /** Set in the child's environment: it is the application, not a launcher. */
    static final String CHILD = "FAULTLINE_LAUNCHED";

    private JvmDefaults() {
    }

    /** The child JVM's command when one is wanted: this JVM's own arguments after the defaults, then the jar's. */
    static Optional<List<String>> childCommand(String... args) {
        if (System.getenv(CHILD) != null || "off".equalsIgnoreCase(System.getenv("FAULTLINE_LAUNCHER"))) {
            return Optional.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String environment = System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "") + " "
                + System.getenv().getOrDefault("JDK_JAVA_OPTIONS", "");
        if (jvmArgs.stream().anyMatch(JvmDefaults::boundsHeap) || boundsHeap(environment)) {
            return Optional.empty();
        }
        String javaCommand = System.getProperty("sun.java.command", "");
        Optional<String> java = ProcessHandle.current().info().command();
        if (!javaCommand.endsWith(".jar") && !javaCommand.contains(".jar ") || java.isEmpty()) {
            return Optional.empty(); // not started as java -jar: nothing to start again
        }
        String jar = javaCommand.substring(0, javaCommand.indexOf(".jar") + 4);
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(FLAGS);
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    private static boolean boundsHeap(String option) {
        return option.contains("-Xmx") || option.contains("MaxHeapSize") || option.contains("MaxRAM");
    }

    /** Runs the application in the child JVM and returns its exit status. */
    static int runChild(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD, "1");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM or Ctrl-C on the launcher: the child shuts down cleanly (it stops its database too)
            child.destroy();
            try {
                if (!child.waitFor(90, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faultline-child-stop"));
        return child.waitFor();
    }

    /** In the child: ends the application when its launcher is gone (killed with -9, so it could not pass a signal on). */
    static void followLauncher() {
        if (System.getenv(CHILD) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(143)));
    }
}
