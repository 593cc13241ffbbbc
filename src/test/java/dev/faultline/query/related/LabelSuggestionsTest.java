package dev.faultline.query.related;

import dev.faultline.search.SearchSupport;
import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Label suggestions on the seed incidents. Leave-one-out: each incident's own labels are hidden in
 * turn (its neighbours are found from its text only) and the suggestions are compared with the
 * labels it really has; the measured precision is printed and must stay above a floor.
 */
@QuarkusTest
@TestProfile(Seeded.class)
class LabelSuggestionsTest {

    /** Precision of the top 3 suggestions, leave-one-out, below which the suggester is worse than useless. */
    static final double PRECISION_FLOOR = 0.3;

    @BeforeEach
    void indexed() {
        SearchSupport.awaitIndexCaughtUp();
    }

    @Test
    void suggestions_are_labels_the_incident_lacks_with_evidence() {
        List<String> own = given().get("/api/incidents/cloudflare-2025-11-18").then().statusCode(200)
                .extract().path("rootCauses.labels.flatten()");
        given().get("/api/incidents/cloudflare-2025-11-18/suggested-labels?minConfidence=0").then().statusCode(200)
                .body("suggestions.label", not(hasItem(own.get(0))),
                        "suggestions.evidence.flatten().incidentId", everyItem(not(hasItem("cloudflare-2025-11-18"))),
                        "suggestions.confidence", everyItem(greaterThanOrEqualTo(0f)));
        given().get("/api/incidents/cloudflare-2025-11-18/suggested-labels?minConfidence=2").then().statusCode(400);
        given().get("/api/incidents/nope-nope/suggested-labels").then().statusCode(404);
    }

    @Test
    void leave_one_out_precision_on_the_seed_incidents() {
        List<String> ids = given().get("/api/incidents?size=200").then().statusCode(200).extract().path("items.id");
        java.util.Map<String, Set<String>> labelsOf = new java.util.HashMap<>();
        for (String id : ids) {
            Set<String> actual = new HashSet<>(given().get("/api/incidents/" + id).then().extract()
                    .<List<String>>path("rootCauses.findAll { it.status == 'STANDING' }.labels.flatten()"));
            actual.addAll(given().get("/api/incidents/" + id).then().extract()
                    .<List<String>>path("contributingFactors.labels.flatten()"));
            labelsOf.put(id, actual);
        }
        int suggested = 0;
        int correct = 0;
        int truth = 0;
        int baselineCorrect = 0;
        for (String id : ids) {
            Set<String> actual = labelsOf.get(id);
            // the baseline: the three labels most common among the other incidents
            java.util.Map<String, Long> counts = labelsOf.entrySet().stream().filter(e -> !e.getKey().equals(id))
                    .flatMap(e -> e.getValue().stream())
                    .collect(java.util.stream.Collectors.groupingBy(l -> l, java.util.stream.Collectors.counting()));
            baselineCorrect += (int) counts.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                    .limit(3).filter(e -> actual.contains(e.getKey())).count();
            List<String> top = given().get("/api/incidents/" + id + "/suggested-labels?textOnly=true&size=3&minConfidence=0")
                    .then().statusCode(200).extract().path("suggestions.label");
            suggested += top.size();
            correct += (int) top.stream().filter(actual::contains).count();
            truth += actual.size();
        }
        double precision = suggested == 0 ? 0 : (double) correct / suggested;
        double recall = truth == 0 ? 0 : (double) correct / truth;
        double baseline = baselineCorrect / (3.0 * ids.size());
        System.out.printf("label suggestions, leave-one-out on %d seed incidents: precision@3 %.2f (%d of %d), "
                + "recall %.2f (%d of %d labels); the three most common labels: precision %.2f%n",
                ids.size(), precision, correct, suggested, recall, correct, truth, baseline);
        assertThat(precision).isGreaterThanOrEqualTo(PRECISION_FLOOR).isGreaterThan(baseline);
    }
}
