package dev.faultline.web.request;

import dev.faultline.api.command.*;
import dev.faultline.api.value.*;
import java.time.*;
import java.util.List;

/** Body of PUT /api/incidents/{id}/timeline/{entryId}: the entry's full new content. */
public record TimelineCorrectionBody(
        Instant at, TimePrecision precision, EntryKind kind, String text, String source, Confidence confidence,
        String reason) {

    public CorrectTimelineEntry toCommand(String incidentId, String entryId, Long expectedVersion) {
        return new CorrectTimelineEntry(incidentId, entryId, at, precision, kind, text, source, confidence, reason,
                expectedVersion);
    }
}
