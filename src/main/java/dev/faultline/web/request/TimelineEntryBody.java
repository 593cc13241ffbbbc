package dev.faultline.web.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/timeline; {@code id} is generated when absent
 * ({@code entryId}, its former name, is still read; deprecated). */
public record TimelineEntryBody(
        @JsonAlias("entryId") String id, Instant at, TimePrecision precision, EntryKind kind, String text, String source,
        Confidence confidence) {

    public RecordTimelineEntry toCommand(String incidentId, Long expectedVersion) {
        return new RecordTimelineEntry(incidentId, Ids.orNew(id, "e"), at, precision, kind, text, source,
                confidence, expectedVersion);
    }
}
