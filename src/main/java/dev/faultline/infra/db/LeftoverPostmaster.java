package dev.faultline.infra.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server left running on a data directory by an earlier run of the app: when the JVM
 * is killed ({@code kill -9}, OOM killer), the embedded postmaster it started is re-parented and
 * keeps the directory, so the next start could not start its own ("Gave up waiting for server to
 * start"). Found through the directory's {@code postmaster.pid} (PostgreSQL's own lock file: the
 * pid on its first line, the directory on its second) and stopped with a fast shutdown, which
 * rolls back open transactions and checkpoints; a server that ignores it is killed, and crash
 * recovery replays its write-ahead log on the next start. Never two servers on one directory.
 */
final class LeftoverPostmaster {

    private static final Logger LOG = Logger.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** The live server that owns {@code dataDir}, if any. */
    static Optional<ProcessHandle> find(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        Path owner = Path.of(lines.get(1).trim()).toAbsolutePath().normalize();
        if (!owner.equals(dataDir.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(LeftoverPostmaster::isPostgres);
    }

    /** Stops the server left on {@code dataDir}; returns whether there was one. */
    static boolean stopIfRunning(Path dataDir, Duration patience) {
        Optional<ProcessHandle> leftover = find(dataDir);
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle server = leftover.get();
        LOG.warnf("a PostgreSQL server (pid %d) left by an earlier run still holds %s: stopping it", server.pid(), dataDir);
        signal(server, "INT"); // PostgreSQL's fast shutdown
        if (!awaitExit(server, patience)) {
            LOG.warnf("PostgreSQL pid %d ignored the fast shutdown for %s: killing it", server.pid(), patience);
            server.destroyForcibly();
            awaitExit(server, Duration.ofSeconds(10));
        }
        return true;
    }

    private static boolean isPostgres(ProcessHandle process) {
        // a recycled pid belongs to some other program: never signal it
        return process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                .orElse(false);
    }

    private static void signal(ProcessHandle process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, fine once its clients are gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
