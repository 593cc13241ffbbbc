package dev.faultline.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What importing one document did: {@code created}, {@code updated} (only the differences were
 * recorded), {@code unchanged} (no events), or {@code failed} with every problem as a JSON pointer
 * into the document — and then nothing of that document was stored.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImportOutcome(int index, String id, Result result, int events, Long version, List<Problem> errors) {

    public enum Result {
        created, updated, unchanged, failed
    }

    public record Problem(String pointer, String message) {
    }

    static ImportOutcome failed(int index, String id, List<Problem> errors) {
        return new ImportOutcome(index, id, Result.failed, 0, null, errors);
    }
}
