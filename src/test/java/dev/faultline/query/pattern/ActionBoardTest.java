package dev.faultline.query.pattern;

import dev.faultline.api.query.RemediationBoard;
import dev.faultline.api.query.RemediationItem;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.api.value.RemediationType;
import dev.faultline.api.value.Severity;
import dev.faultline.taxonomy.Taxonomy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overdue board read from the index's ordered open actions gives exactly what a pass over every
 * incident's actions gives, also after incidents are replaced (actions done, moved, dropped).
 */
class ActionBoardTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-01");
    static final RemediationStatus[] STATUSES = RemediationStatus.values();

    private final Random random = new Random(42);

    @Test
    void overdue_pages_and_counts_match_a_pass_over_every_action() {
        PatternIndex index = new PatternIndex(Taxonomy.standard());
        List<IncidentFacts> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(incident("inc-" + i, "org-" + (i % 7)));
        }
        all.forEach(index::put);
        for (int i = 0; i < 400; i += 3) { // replaced: new statuses and due dates
            IncidentFacts again = incident("inc-" + i, "org-" + (i % 7));
            index.put(again);
            all.set(i, again);
        }
        assertThat(expected(all, null, null, 0, 1000).total()).as("enough overdue actions to page through").isGreaterThan(100);
        for (int[] page : new int[][] {{0, 10}, {1, 10}, {3, 25}, {0, 1000}}) {
            ActionBoard.Filter overdue = new ActionBoard.Filter(Set.of(), Set.of(), Set.of(), Set.of(), true, Set.of());
            RemediationBoard board = index.read(ix -> ActionBoard.find(ix, overdue, TODAY, page[0], page[1]));
            assertThat(board).isEqualTo(expected(all, null, null, page[0], page[1]));
            ActionBoard.Filter proposed = new ActionBoard.Filter(Set.of(RemediationStatus.PROPOSED), Set.of(), Set.of(),
                    Set.of(), true, Set.of());
            RemediationBoard onlyProposed = index.read(ix -> ActionBoard.find(ix, proposed, TODAY, page[0], page[1]));
            assertThat(onlyProposed).isEqualTo(expected(all, null, RemediationStatus.PROPOSED, page[0], page[1]));
            ActionBoard.Filter oneOrganization = new ActionBoard.Filter(Set.of(RemediationStatus.IN_PROGRESS), Set.of(),
                    Set.of("ORG-3"), Set.of(), true, Set.of());
            RemediationBoard filtered = index.read(ix -> ActionBoard.find(ix, oneOrganization, TODAY, page[0], page[1]));
            assertThat(filtered).isEqualTo(expected(all, "org-3", RemediationStatus.IN_PROGRESS, page[0], page[1]));
        }
    }

    /** Brute force: every action of every incident, the same order as the board's. */
    private static RemediationBoard expected(List<IncidentFacts> all, String organization, RemediationStatus status,
                                             int page, int size) {
        record Row(IncidentFacts f, IncidentFacts.Action a) {
        }
        List<Row> rows = new ArrayList<>();
        Map<RemediationStatus, Long> counts = new EnumMap<>(RemediationStatus.class);
        for (RemediationStatus s : STATUSES) {
            counts.put(s, 0L);
        }
        for (IncidentFacts f : all) {
            if (organization != null && !f.organization().equals(organization)) {
                continue;
            }
            for (IncidentFacts.Action a : f.actions()) {
                boolean overdue = a.dueDate() != null && a.dueDate().isBefore(TODAY)
                        && a.status() != RemediationStatus.DONE && a.status() != RemediationStatus.ABANDONED;
                if (overdue) {
                    counts.merge(a.status(), 1L, Long::sum);
                    if (status == null || a.status() == status) {
                        rows.add(new Row(f, a));
                    }
                }
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.a().dueDate())
                .thenComparing(r -> r.f().startedAt(), Comparator.reverseOrder())
                .thenComparing(r -> r.f().id()).thenComparing(r -> r.a().id()));
        List<RemediationItem> items = rows.subList(Math.min(rows.size(), page * size), Math.min(rows.size(), (page + 1) * size))
                .stream().map(r -> new RemediationItem(r.f().id(), r.f().title(), r.f().organization(), r.a().id(),
                        r.a().description(), r.a().type().name(), r.a().owner(), r.a().dueDate(), r.a().status().name(), true))
                .toList();
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        counts.forEach((s, n) -> byStatus.put(s.name(), n));
        return new RemediationBoard(rows.size(), page, size, byStatus, items);
    }

    private IncidentFacts incident(String id, String organization) {
        Instant started = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(100) * 86_400L);
        List<IncidentFacts.Action> actions = new ArrayList<>();
        for (int a = 0; a < random.nextInt(5); a++) {
            LocalDate due = random.nextInt(6) == 0 ? null : TODAY.plusDays(random.nextInt(60) - 40);
            actions.add(new IncidentFacts.Action("a" + a, "action " + a, RemediationType.PREVENT, "owner", due,
                    STATUSES[random.nextInt(STATUSES.length)], started, List.of()));
        }
        return new IncidentFacts(id, "Title " + id, organization, Severity.SEV2, IncidentStatus.RESOLVED, started, null,
                null, null, null, Map.of(), actions, Set.of(), false, false, null, Instant.now());
    }
}
