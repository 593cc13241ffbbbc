package dev.faultline.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What importing one document did: {@code created}, {@code updated} (only the differences were
 * recorded, each listed in {@code changes}), {@code unchanged} (no events), or {@code failed} with
 * every problem as a JSON pointer into the document — and then nothing of that document was stored.
 * {@code warnings} name stored facts the document left out that could not be removed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImportOutcome(int index, String id, Result result, int events, Long version, List<Problem> errors,
                            List<Change> changes, List<Problem> warnings) {

    public enum Result {
        created, updated, unchanged, failed
    }

    /** One problem or warning, at a JSON pointer into the document. */
    public record Problem(String pointer, String message) {
    }

    /** One recorded change: where in the document, and which command recorded it, e.g. {@code CorrectTimelineEntry}. */
    public record Change(String pointer, String command) {
    }

    static ImportOutcome failed(int index, String id, List<Problem> errors) {
        return new ImportOutcome(index, id, Result.failed, 0, null, errors, null, null);
    }
}
