package dev.faultline.api.command;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who recorded a command and how, as metadata that every event it causes carries: {@code actor},
 * {@code via} (api, import, seed) and {@code correlationId}. Read by the history, written by every
 * entry point; infrastructure fills in defaults for a command sent without them.
 */
public final class Recording {

    public static final String ACTOR = "actor";
    public static final String VIA = "via";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ANONYMOUS = "anonymous";
    /** The actor of what Faultline records by itself (the seed incidents on a first start). */
    public static final String SYSTEM = "system";

    /** Keys copied from each command onto the events it causes. */
    public static final List<String> KEYS = List.of(ACTOR, VIA, CORRELATION_ID);

    private Recording() {
    }

    /** The metadata of a command: a null actor is anonymous, a null correlation id a new one. */
    public static Map<String, String> of(String actor, String via, String correlationId) {
        return Map.of(ACTOR, actor == null ? ANONYMOUS : actor, VIA, via,
                CORRELATION_ID, correlationId == null ? UUID.randomUUID().toString() : correlationId);
    }
}
