package dev.faultline.query.pattern;

import dev.faultline.api.query.Page;
import dev.faultline.api.query.PatternSummary;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import dev.faultline.api.value.Severity;
import dev.faultline.taxonomy.Taxonomy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pattern list filtered by organization and start gives what an index of only the accepted incidents
 * gives unfiltered: the same patterns, in the same order, with the same summaries.
 */
class FilteredPatternsTest {

    static final List<String> LABELS = List.of("trigger:config-change", "trigger:code-deploy", "trigger:certificate-expiry",
            "defect:latent-bug", "component:dns", "component:database");

    private final Random random = new Random(7);

    @Test
    void filtering_incidents_is_the_same_as_indexing_only_those() {
        List<IncidentFacts> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(incident("inc-" + i, "Org " + (i % 9)));
        }
        PatternIndex index = PatternIndex.of(all, Taxonomy.standard());
        Instant from = Instant.parse("2020-03-01T00:00:00Z");
        Instant to = Instant.parse("2021-06-01T12:30:00.5Z");
        PatternQueries.Filter filter = new PatternQueries.Filter(Set.of(), Set.of("org 1", "ORG 2", "Org 5"), from, to, 1);
        List<IncidentFacts> accepted = all.stream().filter(f -> Set.of("Org 1", "Org 2", "Org 5").contains(f.organization())
                && !f.startedAt().isBefore(from) && f.startedAt().isBefore(to)).toList();
        assertThat(accepted).hasSizeBetween(30, 200);
        PatternIndex only = PatternIndex.of(accepted, Taxonomy.standard());
        PatternQueries.Filter none = new PatternQueries.Filter(Set.of(), Set.of(), null, null, 1);
        for (PatternQueries.Sort sort : PatternQueries.Sort.values()) {
            Page<PatternSummary> filtered = index.read(ix -> PatternQueries.list(ix, filter, sort, 0, 500));
            Page<PatternSummary> expected = only.read(ix -> PatternQueries.list(ix, none, sort, 0, 500));
            assertThat(filtered.items()).isNotEmpty().isEqualTo(expected.items());
            assertThat(filtered.total()).isEqualTo(expected.total());
        }
    }

    private IncidentFacts incident(String id, String organization) {
        Instant started = Instant.parse("2019-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000) * 86_400L).plusMillis(random.nextInt(2) * 500L);
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (String label : LABELS) {
            if (random.nextInt(3) == 0) {
                labels.put(label, List.of("because of " + label));
            }
        }
        List<IncidentFacts.Action> actions = List.of(new IncidentFacts.Action("a", "fix it", RemediationType.PREVENT, "o",
                LocalDate.parse("2022-01-01"), RemediationStatus.values()[random.nextInt(4)], started, List.of()));
        Long detect = random.nextInt(4) == 0 ? null : (long) random.nextInt(3_600);
        return new IncidentFacts(id, "Title " + id, organization, Severity.SEV2, IncidentStatus.RESOLVED, started, null,
                detect, null, (long) random.nextInt(86_400), labels, actions, Set.of(), false, false, null, Instant.now());
    }
}
