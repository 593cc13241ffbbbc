package dev.faultline.api.value;

/**
 * Documented size limits of user text (characters). Requests over a limit are rejected with 400
 * naming the field; see docs/api.md.
 */
public final class Limits {
    /** Incident ids and the client-supplied ids of entries, statements, causes and actions. */
    public static final String ID_PATTERN = "^[a-z0-9][a-z0-9-]{2,80}$";
    /** A taxonomy label, written {@code dimension:label}. */
    public static final String LABEL_PATTERN = "^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9-]*$";
    /** Sources must be absolute http(s) URLs. */
    public static final String URL_PATTERN = "^https?://[^\\s]+$";
    public static final int TITLE = 300;
    public static final int NAME = 200;
    public static final int URL = 2_000;
    public static final int REASON = 2_000;
    public static final int TEXT = 10_000;
    public static final int LONG_TEXT = 50_000;
    public static final int LIST = 100;
    /**
     * The earliest and latest time a fact may carry (incident times, due dates). Every read model
     * holds them: PostgreSQL timestamps, Lucene longs, and durations between any two of them.
     */
    public static final java.time.Instant EARLIEST = java.time.Instant.parse("1900-01-01T00:00:00Z");
    public static final java.time.Instant LATEST = java.time.Instant.parse("2999-12-31T23:59:59Z");

    private Limits() {
    }
}
