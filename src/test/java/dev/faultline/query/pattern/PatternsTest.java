package dev.faultline.query.pattern;

import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * Recurring patterns on the seed incidents (each pattern defended from the facts), family roll-up,
 * knownAt, distributions worked out by hand, a rebuild that equals the incremental projection, and
 * bad parameters. Incidents built here use their own labels and organizations, so they leave the
 * seed patterns alone.
 */
@QuarkusTest
@TestProfile(Seeded.class)
class PatternsTest {

    /** Before 2023: the seeds, not the incidents other tests declare (dated 2025). */
    static final String SEEDS_ONLY = "to=2023-01-01&minOrganizations=1&size=100";

    @BeforeEach
    void caughtUp() {
        awaitPatternsCaughtUp();
    }

    static void awaitPatternsCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath status = given().get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
            return "LIVE".equals(status.getString("find { it.name == 'patterns' }.state"))
                    && Integer.valueOf(0).equals(status.get("find { it.name == 'patterns' }.lag"));
        });
    }

    @Test
    void time_handling_and_expired_certificates_recur_across_the_organizations_the_facts_name() {
        // leap seconds (Reddit 2012, Cloudflare 2017), the leap day (Azure 2012), the NTP servers that jumped
        // back to 2000 (USNO 2012), Exchange's date as a number overflowing on 1 Jan 2022
        assertThat(organizations("defect:time-handling")).containsExactlyInAnyOrder("Cloudflare", "Microsoft Azure",
                "Microsoft Exchange", "Reddit (and many others)", "US Naval Observatory (NTP)");
        // certificates nobody renewed: Ericsson's SGSN-MME software 2018, Mozilla's add-on signing 2019, Epic 2021
        assertThat(organizations("trigger:certificate-expiry"))
                .containsExactlyInAnyOrder("Epic Games", "Ericsson (O2 UK, SoftBank)", "Mozilla");
        // and the combination: calendar boundaries broke date-handling code in four organizations
        assertThat(organizations("defect:time-handling+trigger:calendar-event")).containsExactlyInAnyOrder("Cloudflare",
                "Microsoft Azure", "Microsoft Exchange", "Reddit (and many others)");
    }

    @Test
    void a_family_rolls_up_its_members() {
        // trigger:time is the family over calendar-event and certificate-expiry
        Set<String> family = new TreeSet<>(organizations("trigger:time"));
        Set<String> members = new TreeSet<>(organizations("trigger:calendar-event"));
        members.addAll(organizations("trigger:certificate-expiry"));
        assertThat(family).isEqualTo(members).hasSizeGreaterThanOrEqualTo(7);
        given().get("/api/patterns?label=trigger:time&" + SEEDS_ONLY).then().statusCode(200)
                .body("items.find { it.key == 'trigger:time' }.kind", is("FAMILY"));
        // a family in the label filter matches patterns of its members
        List<List<String>> labels = given().get("/api/patterns?label=trigger:time&" + SEEDS_ONLY).then()
                .extract().path("items.labels");
        assertThat(labels).isNotEmpty().allSatisfy(l -> assertThat(l).containsAnyOf("trigger:time",
                "trigger:calendar-event", "trigger:certificate-expiry"));
        assertThat(labels).anySatisfy(l -> assertThat(l).contains("trigger:certificate-expiry", "component:certificates"));
    }

    @Test
    void a_pattern_lists_its_incidents_in_time_order_with_the_sentences_that_put_them_there() {
        JsonPath detail = given().get("/api/patterns/trigger:certificate-expiry").then().statusCode(200)
                .body("pattern.key", is("trigger:certificate-expiry"), "pattern.organizations", is(3))
                .extract().jsonPath();
        assertThat(detail.getList("incidents.incidentId", String.class))
                .containsExactly("ericsson-2018-12-06", "mozilla-2019-05-04", "epic-games-2021-04-06");
        assertThat(detail.getList("incidents.because.label.flatten()", String.class))
                .containsOnly("trigger:certificate-expiry");
        assertThat(detail.getList("incidents.because.sentences.flatten()", String.class))
                .anySatisfy(s -> assertThat(s.toLowerCase()).contains("certificate"));
        assertThat(detail.getList("incidents.remediations.flatten()")).isNotEmpty();
        given().get("/api/patterns/trigger:certificate-expiry?size=1&page=1").then().statusCode(200)
                .body("incidents.incidentId", is(List.of("mozilla-2019-05-04")), "pattern.incidents", is(3));
        given().get("/api/patterns/defect:no-such-thing").then().statusCode(404);
        given().get("/api/patterns/not a key").then().statusCode(400).body("errors.field", hasItems("key"));
    }

    @Test
    void known_at_shows_a_pattern_as_it_stood() {
        String label = newLabel("echo");
        String first = incident("Echo One " + label.hashCode(), "2021-02-01T10:00:00Z", label);
        awaitPatternsCaughtUp();
        Instant between = Instant.now();
        await().until(() -> Instant.now().isAfter(between.plusMillis(20)));
        incident("Echo Two " + label.hashCode(), "2022-02-01T10:00:00Z", label);
        awaitPatternsCaughtUp();

        given().get("/api/patterns?label=" + label).then().statusCode(200)
                .body("items.find { it.key == '" + label + "' }.organizations", is(2),
                        "items.find { it.key == '" + label + "' }.incidents", is(2));
        given().get("/api/patterns?label=" + label + "&knownAt=" + between).then().statusCode(200)
                .body("total", is(0));
        given().get("/api/patterns?minOrganizations=1&label=" + label + "&knownAt=" + between).then().statusCode(200)
                .body("items.find { it.key == '" + label + "' }.incidents", is(1));
        given().get("/api/patterns/" + label + "?knownAt=" + between).then().statusCode(200)
                .body("incidents.incidentId", is(List.of(first)));
    }

    @Test
    void durations_are_nearest_rank_percentiles() {
        String label = newLabel("pace");
        int[] hours = {4, 1, 10, 3, 2};
        for (int i = 0; i < hours.length; i++) {
            String id = incident("Pace " + i + " " + label.hashCode(), "2018-03-0" + (i + 1) + "T00:00:00Z", label);
            post("/api/incidents/" + id + "/resolution", Map.of("resolvedAt",
                    Instant.parse("2018-03-0" + (i + 1) + "T00:00:00Z").plus(Duration.ofHours(hours[i])).toString(),
                    "how", "rolled back")).statusCode(200);
        }
        awaitPatternsCaughtUp();
        // sorted 1 2 3 4 10: p50 is rank ⌈2.5⌉ = 3 → 3h, p90 rank ⌈4.5⌉ = 5 → 10h
        given().get("/api/patterns/" + label).then().statusCode(200)
                .body("pattern.durations.duration.p50", is("PT3H"), "pattern.durations.duration.p90", is("PT10H"),
                        "pattern.durations.duration.n", is(5), "pattern.perYear", is(List.of(Map.of("year", 2018, "count", 5))),
                        "pattern.firstSeen", is("2018-03-01T00:00:00Z"), "pattern.lastSeen", is("2018-03-05T00:00:00Z"));
    }

    @Test
    void a_recurrence_is_judged_by_what_the_earlier_incident_had_done_when_the_later_one_started() {
        // each pair shares a label of its own; the earlier incident ended on 2 March 2019
        String done = pair("done", "PREVENT", "DONE", "2019-06-01T00:00:00Z");
        String open = pair("open", "DETECT", "IN_PROGRESS", "2019-06-01T00:00:00Z");
        String abandoned = pair("abandoned", "PREVENT", "ABANDONED", "2019-06-01T00:00:00Z");
        String none = pair("none", "MITIGATE", null, null);
        awaitPatternsCaughtUp();
        verdict(done + "-later", done, "REPEATED_AFTER_DONE");
        verdict(open + "-later", open, "REPEATED_WHILE_OPEN");
        verdict(abandoned + "-later", abandoned, "REPEATED_AFTER_ABANDONED");
        verdict(none + "-later", none, "NO_PRIOR_ACTION");
        // the 2020 incident also repeated the one of May 2019, which announced nothing
        verdict(done + "-later", done + "-may", "NO_PRIOR_ACTION");
        given().get("/api/incidents/" + done + "-later/recurrence").then().body("total", is(2));
        // as it stood when the later one started: done in June 2019, so still open for an incident in May
        verdict(done + "-may", done, "REPEATED_WHILE_OPEN");
        given().get("/api/incidents/" + done + "-may/recurrence").then().body("total", is(1),
                "items[0].actions.find { it.actionId == 'guard' }.statusThen", is("PROPOSED"),
                "items[0].actions.find { it.actionId == 'guard' }.statusNow", is("DONE"));
        // the world time of a status change is kept beside the time it was recorded
        given().get("/api/incidents/" + done).then()
                .body("remediations[0].history[0].at", is("2019-06-01T00:00:00Z"),
                        "remediations[0].history[0].precision", is("EXACT"),
                        "remediations[0].history[0].recordedAt", org.hamcrest.Matchers.startsWith(String.valueOf(java.time.Year.now().getValue())));
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE", "at", "last tuesday"))
                .patch("/api/incidents/" + open + "/remediations/guard").then().statusCode(400)
                .body("errors.field", hasItems("/at"));
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE", "at", "2019-06-01T00:00:00Z", "precision", "WEEK"))
                .patch("/api/incidents/" + open + "/remediations/guard").then().statusCode(400)
                .body("errors.field", hasItems("/precision"));
        given().contentType(ContentType.JSON).body(Map.of("status", "DONE", "at", "2001-01-01T00:00:00Z"))
                .patch("/api/incidents/" + open + "/remediations/guard").then().statusCode(400)
                .body("errors.field", hasItems("/at"));
        // the earlier incident has no earlier relative of its own
        given().get("/api/incidents/" + done + "/recurrence").then().statusCode(200).body("total", is(0));
        // across the catalogue, by organization and verdict
        given().get("/api/recurrences?organization=Later " + done + "&verdict=REPEATED_AFTER_DONE").then().statusCode(200)
                .body("items.later.incidentId", is(List.of(done + "-later")), "items.earlier.incidentId", is(List.of(done)));
        given().get("/api/recurrences?organization=Later " + done + "&verdict=REPEATED_WHILE_OPEN").then().body("total", is(0));
    }

    /**
     * An earlier incident (started 1 March 2019, resolved the next day) with one action whose status moved
     * at world time {@code at}, a later one (2020) and one in May 2019, all sharing a new label.
     */
    private static String pair(String stem, String type, String to, String at) {
        String label = newLabel(stem);
        String earlier = newId(stem);
        declare(earlier, "Earlier " + earlier, "2019-03-01T00:00:00Z", label);
        post("/api/incidents/" + earlier + "/resolution", Map.of("resolvedAt", "2019-03-02T00:00:00Z", "how", "fixed"))
                .statusCode(200);
        action(earlier, "guard", type, null, null);
        if (to != null) {
            status(earlier, "guard", to, at);
        }
        declare(earlier + "-later", "Later " + earlier, "2020-01-01T00:00:00Z", label);
        declare(earlier + "-may", "May " + earlier, "2019-05-01T00:00:00Z", label);
        return earlier;
    }

    private static void verdict(String later, String earlier, String verdict) {
        String pair = "items.find { it.earlier.incidentId == '" + earlier + "' }";
        given().get("/api/incidents/" + later + "/recurrence").then().statusCode(200)
                .body(pair + ".verdict", is(verdict), pair + ".sharedPatterns.size()", is(1));
    }

    @Test
    void the_action_board_filters_and_counts() {
        String organization = "Board Co " + newId("b");
        String id = incident(organization, "2020-01-01T00:00:00Z", "defect:latent-bug");
        action(id, "fence", "PREVENT", "alice", "2020-06-01");
        action(id, "alarm", "DETECT", "bob", "2999-01-01");
        action(id, "runbook", "PROCESS", "alice", "2020-02-01");
        action(id, "drain", "MITIGATE", null, null);
        status(id, "runbook", "DONE", null);
        status(id, "drain", "ABANDONED", null);
        status(id, "alarm", "IN_PROGRESS", null);
        awaitPatternsCaughtUp();

        String board = "/api/remediations?organization=" + organization;
        given().get(board).then().statusCode(200)
                .body("total", is(4), "byStatus.PROPOSED", is(1), "byStatus.IN_PROGRESS", is(1), "byStatus.DONE", is(1),
                        "byStatus.ABANDONED", is(1),
                        // soonest due first, undated last
                        "items.actionId", is(List.of("runbook", "fence", "alarm", "drain")));
        given().get(board + "&overdue=true").then().statusCode(200)
                .body("items.actionId", is(List.of("fence")), "items[0].overdue", is(true));
        given().get(board + "&owner=ALICE").then().body("items.actionId", is(List.of("runbook", "fence")));
        given().get(board + "&type=PREVENT&type=DETECT").then().body("total", is(2));
        // the status filter keeps the counts of every status
        given().get(board + "&status=DONE").then()
                .body("items.actionId", is(List.of("runbook")), "byStatus.PROPOSED", is(1), "total", is(1));
        given().get(board + "&label=defect:code").then().body("total", is(4)); // latent-bug is in the family defect:code
        given().get(board + "&label=trigger:leap-second-nope").then().statusCode(400);
        given().get(board + "&size=1&page=1").then().body("items.actionId", is(List.of("fence")), "total", is(4));
    }

    @Test
    void a_rebuilt_projection_equals_the_incremental_one() {
        String before = everything();
        given().post("/api/admin/projections/patterns/rebuild").then().statusCode(202);
        awaitPatternsCaughtUp();
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void bad_parameters_are_named_together() {
        given().get("/api/patterns?sort=sideways&size=0&label=defect:nope&from=yesterday&minOrganizations=0&knownAt=x")
                .then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors.field", hasItems("sort", "size", "label", "from", "minOrganizations", "knownAt"));
        given().get("/api/patterns?from=2020-01-01&to=2019-01-01").then().statusCode(400).body("errors.field", hasItems("to"));
        given().get("/api/remediations?status=LATE&type=FIX&overdue=maybe&size=1000").then().statusCode(400)
                .body("errors.field", hasItems("status", "type", "overdue", "size"));
        given().get("/api/recurrences?verdict=MAYBE&page=-1").then().statusCode(400)
                .body("errors.field", hasItems("verdict", "page"));
        given().get("/api/incidents/no-such-incident-here/recurrence").then().statusCode(404);
        given().get("/api/stats?knownAt=yesterday").then().statusCode(400).body("errors.field", hasItems("knownAt"));
    }

    @Test
    void stats_count_the_catalogue() throws java.io.IOException {
        JsonPath stats = given().get("/api/stats").then().statusCode(200).extract().jsonPath();
        int incidents = given().get("/api/incidents?size=1").then().extract().path("total");
        assertThat(stats.getInt("incidents")).isEqualTo(incidents);
        Map<String, Integer> perYear = stats.getMap("perYear", String.class, Integer.class);
        assertThat(perYear.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(incidents);
        assertThat(perYear).containsEntry("2012", seedsStartedIn("2012"));
        Map<String, Integer> perSeverity = stats.getMap("perSeverity", String.class, Integer.class);
        assertThat(perSeverity.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(incidents);
        assertThat(stats.getDouble("causeRevised.share")).isBetween(0.0, 1.0);
        assertThat(stats.getInt("causeRevised.of")).isGreaterThanOrEqualTo(60);
        assertThat(stats.getInt("resolutionToFirstCause.n")).isGreaterThan(0);
        assertThat(stats.getList("durationsByPattern.pattern", String.class)).contains("trigger:change");
    }

    // helpers

    private static int seedsStartedIn(String year) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("seed-incidents"))) {
            return (int) files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> {
                try {
                    return java.nio.file.Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("startedAt: '" + year));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }

    private static List<String> organizations(String key) {
        return given().get("/api/patterns?label=" + key.replace("+", "&label=") + "&" + SEEDS_ONLY).then().statusCode(200)
                .extract().path("items.find { it.key == '" + key + "' }.organizationNames");
    }

    /** Everything the projection serves, as text. */
    private static String everything() {
        StringBuilder all = new StringBuilder();
        for (int page = 0; ; page++) {
            String body = given().get("/api/patterns?minOrganizations=1&size=100&sort=incidents&page=" + page).then()
                    .statusCode(200).extract().asString();
            all.append(body);
            if (JsonPath.from(body).getList("items").isEmpty()) {
                break;
            }
        }
        for (int page = 0; ; page++) {
            String body = given().get("/api/remediations?size=200&page=" + page).then().statusCode(200).extract().asString();
            all.append(body);
            if (JsonPath.from(body).getList("items").isEmpty()) {
                break;
            }
        }
        all.append(given().get("/api/stats").then().statusCode(200).extract().asString());
        all.append(given().get("/api/recurrences?size=100").then().statusCode(200).extract().asString());
        return all.toString();
    }

    static String newLabel(String stem) {
        String label = "defect:" + newId(stem);
        given().contentType(ContentType.JSON).body(Map.of("description", "A defect made up by " + PatternsTest.class.getSimpleName()))
                .put("/api/taxonomy/labels/" + label).then().statusCode(201);
        return label;
    }

    /** Declares an incident of this organization with one root cause carrying these labels. */
    static String incident(String organization, String startedAt, String... labels) {
        String id = newId("pattern");
        declare(id, organization, startedAt, labels);
        return id;
    }

    static void declare(String id, String organization, String startedAt, String... labels) {
        post("/api/incidents", Map.of("incidentId", id, "title", "Outage at " + organization, "organization", organization,
                "severity", "SEV2", "startedAt", startedAt, "sources", List.of("https://example.com/" + id))).statusCode(201);
        post("/api/incidents/" + id + "/root-causes", Map.of("summary", "A cause of " + id, "labels", List.of(labels)))
                .statusCode(200);
    }

    static void action(String id, String actionId, String type, String owner, String dueDate) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("actionId", actionId, "description", actionId + " work",
                "type", type));
        if (owner != null) {
            body.put("owner", owner);
        }
        if (dueDate != null) {
            body.put("dueDate", dueDate);
        }
        post("/api/incidents/" + id + "/remediations", body).statusCode(200);
    }

    /** Changes an action's status; {@code at}: when it happened in the world (null: not given). */
    static void status(String id, String actionId, String to, String at) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("status", to));
        if (at != null) {
            body.put("at", at);
        }
        given().contentType(ContentType.JSON).body(body).patch("/api/incidents/" + id + "/remediations/" + actionId)
                .then().statusCode(200);
    }
}
