package dev.faultline.query.detail;

import dev.faultline.api.event.*;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.value.*;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding events into views, on both time axes, without any I/O. */
class IncidentFolderTest {

    static final String ID = "cloudflare-2025-11-18";
    static final Instant START = Instant.parse("2025-11-18T11:20:00Z");
    static final Instant RECORDED = Instant.parse("2025-11-19T09:00:00Z");

    final List<RecordedEvent> events = new ArrayList<>();

    void given(IncidentEvent... payloads) {
        for (IncidentEvent payload : payloads) {
            long seq = events.size();
            events.add(new RecordedEvent(payload.getClass().getSimpleName(), seq, 100 + seq,
                    RECORDED.plusSeconds(60 * seq), "anonymous", "api", "c-" + seq, payload));
        }
    }

    IncidentView fold(Instant at, Instant knownAt) {
        return IncidentFolder.fold(events, at, knownAt).orElseThrow();
    }

    TimelineEntryRecorded entry(String id, String at, EntryKind kind) {
        return new TimelineEntryRecorded(ID, id, Instant.parse(at), TimePrecision.EXACT, kind, id, null, Confidence.CONFIRMED);
    }

    @Test
    void the_current_view_has_everything_ordered_by_incident_time() {
        given(new IncidentDeclared(ID, "t", "Cloudflare", Severity.SEV1, START, TimePrecision.EXACT, null, List.of(), List.of()),
                entry("later", "2025-11-18T14:30:00Z", EntryKind.MITIGATION),
                entry("earlier", "2025-11-18T11:31:00Z", EntryKind.DETECTION));
        IncidentView view = fold(null, null);
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.timeline()).extracting(IncidentView.TimelineEntry::id).containsExactly("earlier", "later");
        assertThat(view.asOf()).isNull();
    }

    @Test
    void derived_figures_ignore_retracted_entries() {
        given(new IncidentDeclared(ID, "t", "Cloudflare", Severity.SEV1, START, TimePrecision.EXACT, null, List.of(), List.of()),
                entry("false-alarm", "2025-11-18T11:25:00Z", EntryKind.DETECTION),
                new TimelineEntryRetracted(ID, "false-alarm", "was another incident"),
                entry("alert", "2025-11-18T11:31:00Z", EntryKind.DETECTION),
                new IncidentResolved(ID, Instant.parse("2025-11-18T17:06:00Z"), TimePrecision.EXACT, null, null, Confidence.CONFIRMED));
        IncidentView.Derived derived = fold(null, null).derived();
        assertThat(derived.timeToDetect()).isEqualTo(Duration.ofMinutes(11));
        assertThat(derived.timeToResolve()).isEqualTo(Duration.parse("PT5H35M"));
        assertThat(derived.duration()).isEqualTo(Duration.parse("PT5H46M"));
    }

    @Test
    void at_hides_what_had_not_happened_and_undated_analysis_until_resolution() {
        given(new IncidentDeclared(ID, "t", "Cloudflare", Severity.SEV1, START, TimePrecision.EXACT, null, List.of(), List.of()),
                entry("alert", "2025-11-18T11:31:00Z", EntryKind.DETECTION),
                new RootCauseIdentified(ID, "ddos", "DDoS?", List.of(), Instant.parse("2025-11-18T11:35:00Z"), null, Confidence.CONFIRMED),
                new RootCauseRuledOut(ID, "ddos", Instant.parse("2025-11-18T13:05:00Z"), "no"),
                new ContributingFactorAdded(ID, "no-check", "no size check", List.of(), null, Confidence.CONFIRMED),
                new RemediationProposed(ID, "kill", "kill switches", RemediationType.MITIGATE, null, null, null, Confidence.CONFIRMED),
                new IncidentResolved(ID, Instant.parse("2025-11-18T17:06:00Z"), TimePrecision.EXACT, null, null, Confidence.CONFIRMED));
        IncidentView noon = fold(Instant.parse("2025-11-18T12:00:00Z"), null);
        assertThat(noon.status()).isEqualTo(IncidentStatus.ONGOING);
        assertThat(noon.rootCauses()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(dev.faultline.api.value.RootCauseStatus.STANDING);
            assertThat(c.ruledOut()).isNull();
        });
        assertThat(noon.contributingFactors()).isEmpty();
        assertThat(noon.remediations()).isEmpty();
        assertThat(noon.derived().duration()).isNull();

        IncidentView evening = fold(Instant.parse("2025-11-18T18:00:00Z"), null);
        assertThat(evening.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(evening.rootCauses()).singleElement().extracting(IncidentView.RootCause::status).isEqualTo(dev.faultline.api.value.RootCauseStatus.RULED_OUT);
        assertThat(evening.contributingFactors()).hasSize(1);
        assertThat(evening.remediations()).hasSize(1);
    }

    @Test
    void known_at_stops_at_the_last_event_recorded_by_then() {
        given(new IncidentDeclared(ID, "t", "Cloudflare", Severity.SEV1, START, TimePrecision.EXACT, null, List.of(), List.of()),
                entry("alert", "2025-11-18T11:31:00Z", EntryKind.DETECTION),
                new TimelineEntryCorrected(ID, "alert", Instant.parse("2025-11-18T11:32:00Z"), TimePrecision.MINUTE,
                        EntryKind.DETECTION, "corrected", null, Confidence.CONFIRMED, "blog"));
        IncidentView before = fold(null, RECORDED.plusSeconds(60));
        assertThat(before.version()).isEqualTo(1);
        assertThat(before.timeline().get(0).text()).isEqualTo("alert");
        assertThat(before.timeline().get(0).corrections()).isEmpty();

        IncidentView after = fold(null, RECORDED.plusSeconds(120));
        assertThat(after.timeline().get(0).text()).isEqualTo("corrected");
        assertThat(after.timeline().get(0).corrections()).singleElement()
                .extracting(IncidentView.Revision::text).isEqualTo("alert");
        assertThat(IncidentFolder.fold(events, null, RECORDED.minusSeconds(1))).isEmpty();
    }

    @Test
    void detail_revisions_and_unlinks_fold_in() {
        given(new IncidentDeclared(ID, "t", "Cloudflare", Severity.SEV1, START, TimePrecision.EXACT, "s", List.of(), List.of()),
                new IncidentDetailsRevised(ID, null, null, Severity.SEV2, null, null, null, null, null),
                new IncidentLinked(ID, "aws-2025-10-20", LinkRelation.SAME_ROOT_CAUSE, null),
                new IncidentLinked(ID, "aws-2025-10-20", LinkRelation.FOLLOW_UP_OF, null),
                new IncidentUnlinked(ID, "aws-2025-10-20", LinkRelation.FOLLOW_UP_OF));
        IncidentView view = fold(null, null);
        assertThat(view.severity()).isEqualTo(Severity.SEV2);
        assertThat(view.title()).isEqualTo("t");
        assertThat(view.links()).singleElement().extracting(IncidentView.Link::relation).isEqualTo(LinkRelation.SAME_ROOT_CAUSE);
    }
}
