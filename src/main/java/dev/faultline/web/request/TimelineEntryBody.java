package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of POST /api/incidents/{id}/timeline; {@code entryId} is generated when absent. */
public record TimelineEntryBody(
        String entryId, Instant at, TimePrecision precision, EntryKind kind, String text, String source,
        Confidence confidence) {

    public RecordTimelineEntry toCommand(String incidentId, Long expectedVersion) {
        return new RecordTimelineEntry(incidentId, Ids.orNew(entryId, "e"), at, precision, kind, text, source,
                confidence, expectedVersion);
    }
}
