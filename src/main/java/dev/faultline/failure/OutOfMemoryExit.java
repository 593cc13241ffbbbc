package dev.faultline.failure;

/**
 * Ends the process on an {@link OutOfMemoryError}, as {@code -XX:+ExitOnOutOfMemoryError} would
 * (which a plain {@code java -jar} does not set, and which cannot be switched on at run time). A JVM
 * that ran out of heap once is in an unknown state: a processor thread may have died, Quarkus may
 * have begun a shutdown, and a process that lingers without a listener is worse than one that
 * exits for its supervisor to restart. Nothing acknowledged is lost: every answered write was
 * committed to PostgreSQL before its answer.
 */
public final class OutOfMemoryExit {

    /** The exit status, as the JVM's own flag uses. */
    static final int STATUS = 3;

    private OutOfMemoryExit() {
    }

    /** Halts on an out-of-memory error that no code caught, in any thread. */
    public static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            haltIfOutOfMemory(failure);
            if (previous != null) {
                previous.uncaughtException(thread, failure);
            } else {
                failure.printStackTrace();
            }
        });
    }

    /** Halts the process if {@code failure} is, or was caused by, an out-of-memory error. */
    public static void haltIfOutOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                // no logging framework, no allocation-heavy work: the heap is exhausted
                System.err.println("Faultline: out of memory (" + t.getMessage() + "); exiting so a supervisor can restart it");
                Runtime.getRuntime().halt(STATUS);
            }
        }
    }
}
