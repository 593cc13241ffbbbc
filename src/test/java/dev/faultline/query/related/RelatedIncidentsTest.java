package dev.faultline.query.related;

import dev.faultline.search.SearchSupport;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Related incidents on the real seed incidents: a judged set of pairs, each defended from the
 * facts, must find its expected relative in the top 5; links count both ways; startedBefore and
 * knownAt leave out what was not there yet.
 */
@QuarkusTest
@TestProfile(Seeded.class)
class RelatedIncidentsTest {

    /** An incident, the relative a reader of its facts would expect near the top, and why. */
    record Judged(String incident, String expected, String why) {
    }

    static final List<Judged> JUDGED = List.of(
            new Judged("cloudflare-2025-11-18", "salesforce-2023-09-20",
                    "a permissions change whose effect on other systems nobody checked, rolled out everywhere"),
            new Judged("aws-2025-10-20", "cloudflare-2025-11-18", "the same judgement, read from the other side"),
            new Judged("cloudflare-2025-06-12", "google-cloud-2025-06-12", "Workers KV's storage provider failed: an explicit link"),
            new Judged("google-cloud-2025-06-12", "cloudflare-2025-06-12", "the link seen from its target"),
            new Judged("crowdstrike-2024-07-19", "webroot-2017-04-24",
                    "a security agent's content update, pushed to every machine at once, broke the machines it protects"),
            new Judged("sophos-2012-09-19", "webroot-2017-04-24", "an anti-virus definition update flagged legitimate files"),
            new Judged("cloudflare-2019-07-02", "cloudflare-2025-11-18",
                    "unvalidated content for the proxy pushed to the whole network at once"),
            new Judged("aws-s3-2017-02-28", "joyent-2014-05-27",
                    "an operator's mistyped command took down far more than intended; the tool allowed it"),
            new Judged("gitlab-2017-01-31", "aws-2012-12-24",
                    "production data deleted by an operator's process, restored slowly by hand"),
            new Judged("atlassian-2022-04-05", "google-cloud-2024-05-02",
                    "a tool run by operators deleted customers' whole environments; weeks of restore"),
            new Judged("facebook-2021-10-04", "google-cloud-2019-06-02",
                    "maintenance work on the backbone took down the network control plane, and the tools to fix it"),
            new Judged("microsoft-wan-2023-01-25", "centurylink-2020-08-30",
                    "a change on backbone routers propagated to the whole network and stopped routing"),
            new Judged("fastly-2021-06-08", "cloudflare-2019-07-02", "a CDN configuration change set off a latent bug everywhere"),
            new Judged("google-2020-12-14", "google-cloud-2025-06-12", "a quota change set off a latent bug in a shared control system"),
            new Judged("roblox-2021-10-28", "aws-2015-09-20",
                    "an overloaded central metadata/coordination service took down everything that depended on it"),
            new Judged("slack-2021-01-04", "cloudflare-2025-11-18", "a hard limit reached under load, and the status tooling failed too"),
            new Judged("aws-2021-12-07", "aws-2025-10-20", "automation in us-east-1 set off a congestive collapse"),
            new Judged("cloudflare-2017-01-01", "reddit-2012-07-01", "a leap second: code that assumed time only moves forward"),
            new Judged("reddit-2012-07-01", "cloudflare-2017-01-01", "the same, read from the other side"),
            new Judged("epic-games-2021-04-06", "mozilla-2019-05-04", "a certificate nobody renewed expired and clients failed"),
            new Judged("ericsson-2018-12-06", "mozilla-2019-05-04", "an expired certificate inside software shipped to many customers"),
            new Judged("microsoft-exchange-2022-01-01", "azure-2012-02-29", "date arithmetic that broke on a calendar boundary"),
            new Judged("aws-2015-09-20", "azure-dns-2021-04-01", "client retries turned a blip into an overload (retry storm)"),
            new Judged("centurylink-2020-08-30", "google-2016-04-12", "a bad network configuration pushed everywhere at once withdrew routes"),
            new Judged("cloudflare-2025-07-14", "google-2016-04-12", "a configuration change withdrew an anycast service's prefixes globally"),
            new Judged("rogers-2022-07-08", "att-2024-02-22", "a change in a telecom core network took every subscriber down"));

    @BeforeEach
    void indexed() {
        SearchSupport.awaitIndexCaughtUp();
    }

    @Test
    void every_judged_relative_is_in_the_top_five() {
        List<String> misses = new ArrayList<>();
        for (Judged judged : JUDGED) {
            List<String> top = given().get("/api/incidents/" + judged.incident() + "/related?size=5").then()
                    .statusCode(200).extract().path("items.id");
            if (!top.contains(judged.expected())) {
                misses.add(judged + " got " + top);
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void semantic_reasons_quote_the_closest_pair_of_sentences() {
        List<String> details = given().get("/api/incidents/cloudflare-2017-01-01/related").then().statusCode(200)
                .extract().path("items.find { it.id == 'reddit-2012-07-01' }.reasons.findAll { it.kind == 'SEMANTIC' }.detail");
        assertThat(details).singleElement().satisfies(d -> assertThat(d).contains("cosine").contains("closest: \"")
                .contains("\" here and \"").contains("\" there ("));
    }

    @Test
    void cloudflare_finds_aws_with_its_shared_reasons_spelled_out() {
        given().get("/api/incidents/cloudflare-2025-11-18/related").then().statusCode(200)
                .body("incidentId", is("cloudflare-2025-11-18"),
                        "items.find { it.id == 'aws-2025-10-20' }.reasons.detail",
                        hasItems(containsString("defect:latent-bug"), containsString("component:config-pipeline")),
                        "items.find { it.id == 'aws-2025-10-20' }.reasons.kind", hasItems("LABEL", "COMPONENT"),
                        "items.find { it.id == 'aws-2025-10-20' }.organization", is("AWS"));
        // the score is the sum of the reasons
        Map<String, Object> aws = given().get("/api/incidents/cloudflare-2025-11-18/related").then()
                .extract().path("items.find { it.id == 'aws-2025-10-20' }");
        List<Map<String, Object>> reasons = (List<Map<String, Object>>) aws.get("reasons");
        double sum = reasons.stream().mapToDouble(r -> ((Number) r.get("weight")).doubleValue()).sum();
        assertThat(((Number) aws.get("score")).doubleValue()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void explicit_links_rank_first_in_both_directions() {
        given().get("/api/incidents/cloudflare-2025-06-12/related").then().statusCode(200)
                .body("items[0].id", is("google-cloud-2025-06-12"), "items[0].reasons[0].kind", is("LINK"));
        given().get("/api/incidents/google-cloud-2025-06-12/related").then().statusCode(200)
                .body("items[0].id", is("cloudflare-2025-06-12"), "items[0].reasons[0].kind", is("LINK"));
    }

    @Test
    void started_before_keeps_only_what_had_been_seen_before() {
        given().get("/api/incidents/aws-2025-10-20/related?startedBefore=true&size=50").then().statusCode(200)
                .body("items.id", not(hasItem("cloudflare-2025-11-18")), "items.id", hasItem("aws-2021-12-07"));
        given().get("/api/incidents/cloudflare-2025-11-18/related?excludeOrganization=AWS&size=50").then().statusCode(200)
                .body("items.organization", not(hasItem("AWS")));
        given().get("/api/incidents/cloudflare-2025-11-18/related?label=trigger:change&size=50").then().statusCode(200)
                .body("items.id", hasItem("aws-2025-10-20"), "items.id", not(hasItem("cloudflare-2023-11-02")));
    }

    @Test
    void known_at_leaves_out_an_incident_recorded_later() throws Exception {
        Instant before = Instant.now();
        Thread.sleep(20);
        String copy = newId("latent-config");
        given().contentType(ContentType.JSON).body(Map.of("incidentId", copy, "title", "Generated config file too large",
                        "organization", "Example", "severity", "SEV1", "startedAt", "2025-12-01T10:00:00Z"))
                .post("/api/incidents").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("summary", "A generated feature file doubled in size and the proxy's limit was exceeded",
                        "labels", List.of("defect:latent-bug", "component:config-pipeline", "spread:global-instant-push",
                                "defect:unchecked-limit", "trigger:data-change")))
                .post("/api/incidents/" + copy + "/root-causes").then().statusCode(200);
        SearchSupport.awaitIndexCaughtUp();
        given().get("/api/incidents/cloudflare-2025-11-18/related").then().statusCode(200)
                .body("items.id", hasItem(copy));
        given().get("/api/incidents/cloudflare-2025-11-18/related?knownAt=" + before).then().statusCode(200)
                .body("items.id", not(hasItem(copy)));
        given().get("/api/incidents/" + copy + "/related?knownAt=" + before).then().statusCode(404);
    }

    @Test
    void bad_parameters_are_named() {
        given().get("/api/incidents/cloudflare-2025-11-18/related?size=51").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        given().get("/api/incidents/cloudflare-2025-11-18/related?label=defect:nope").then().statusCode(400)
                .body("errors.field", hasItem("label"));
        given().get("/api/incidents/no-such-incident/related").then().statusCode(404);
    }
}
