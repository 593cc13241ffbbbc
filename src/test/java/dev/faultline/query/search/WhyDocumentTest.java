package dev.faultline.query.search;

import dev.faultline.api.event.*;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.value.*;
import dev.faultline.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The related-incidents side of the search projection, fed events directly (no HTTP, no store):
 * what a document says of why, and under which label names, is built from standing facts only.
 */
class WhyDocumentTest {

    static final String ID = "acme-2025-01-01";
    static final Instant START = Instant.parse("2025-01-01T10:00:00Z");
    final List<RecordedEvent> events = new ArrayList<>();

    void given(IncidentEvent... payloads) {
        for (IncidentEvent payload : payloads) {
            long seq = events.size();
            events.add(new RecordedEvent(payload.getClass().getSimpleName(), seq, 100 + seq,
                    START.plusSeconds(60 * seq), "anonymous", "api", "c-" + seq, payload));
        }
    }

    void history() {
        given(new IncidentDeclared(ID, "Acme proxy outage", "Acme", Severity.SEV1, START, TimePrecision.MINUTE,
                        "A generated feature file doubled in size.", List.of(), List.of()),
                new TimelineEntryRecorded(ID, "push", START, TimePrecision.MINUTE, EntryKind.TRIGGER,
                        "The feature file is pushed to every machine.", null, Confidence.CONFIRMED),
                new TimelineEntryRecorded(ID, "attack", START, TimePrecision.MINUTE, EntryKind.TRIGGER,
                        "A botnet floods the edge.", null, Confidence.UNVERIFIED),
                new TimelineEntryRetracted(ID, "attack", "there was no attack"),
                new RootCauseIdentified(ID, "ddos", "A DDoS attack.", List.of("trigger:traffic-surge"), null, null,
                        Confidence.UNVERIFIED),
                new RootCauseRuledOut(ID, "ddos", START.plusSeconds(3600), "traffic was legitimate"),
                new RootCauseIdentified(ID, "file", "A permissions change made a query return duplicate rows.",
                        List.of("trigger:data-change", "defect:latent-bug"), null, null, Confidence.CONFIRMED),
                new ContributingFactorAdded(ID, "no-limit-check", "Nothing checked the file's size before use.",
                        List.of("defect:missing-validation"), null, Confidence.CONFIRMED));
    }

    @Test
    void why_is_the_standing_causes_factors_triggers_and_summary() {
        history();
        SearchDocument doc = SearchDocuments.of(events).orElseThrow();
        assertThat(doc.whySentences).containsExactly("A permissions change made a query return duplicate rows.",
                "Nothing checked the file's size before use.", "The feature file is pushed to every machine.",
                "A generated feature file doubled in size.");
        assertThat(doc.labels).containsExactly("trigger:data-change", "defect:latent-bug", "defect:missing-validation");
        RelatedCandidates.Profile stored = RelatedCandidates.Profile.decoded(doc.related);
        assertThat(stored.words()).contains("permission", "duplicate", "feature", "generat")
                .doesNotContain("botnet", "ddos", "attack");
        assertThat(stored.sentences()).isEqualTo(doc.whySentences);
        assertThat(stored.labels()).containsExactlyElementsOf(doc.labels);
        assertThat(stored.id()).isEqualTo(ID);
        assertThat(stored.startedAt()).isEqualTo(doc.startedAt);
        assertThat(doc.whyVector).as("vectors are given by WhyVectors, not by the fold").isNull();
    }

    @Test
    void a_renamed_label_is_indexed_under_its_new_name_only() {
        history();
        Taxonomy before = Taxonomy.current();
        try {
            Taxonomy.use(before.withRenamed("defect:latent-bug", "defect:dormant-bug"));
            SearchDocument doc = SearchDocuments.of(events).orElseThrow();
            assertThat(doc.labels).contains("defect:dormant-bug").doesNotContain("defect:latent-bug");
            assertThat(doc.facets).contains("label=defect:dormant-bug").doesNotContain("label=defect:latent-bug");
        } finally {
            Taxonomy.use(before);
        }
    }

    @Test
    void links_are_kept_for_related_incidents_both_ways() {
        history();
        given(new IncidentLinked(ID, "other-2024-01-01", LinkRelation.SAME_ROOT_CAUSE, "same pattern"));
        assertThat(SearchDocuments.of(events).orElseThrow().links).containsExactly("other-2024-01-01");
    }
}
