package dev.faultline.importer;

import dev.faultline.support.Incidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.faultline.support.Incidents.newId;
import static dev.faultline.support.Incidents.utf8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/** POST /api/import: outcomes, diff semantics, atomicity per document, and every class of bad input. */
@QuarkusTest
class ImportTest {

    static String yaml(String id, String extraTimeline, String tail) {
        return """
                id: %s
                title: Cloudflare global outage
                organization: Cloudflare
                severity: SEV1
                startedAt: 2025-11-18T11:20:00Z
                timeline:
                  - id: permissions-change
                    at: 2025-11-18T11:05:00Z
                    kind: TRIGGER
                    text: A change to database permissions is deployed.
                    confidence: CONFIRMED
                  - id: first-alert
                    at: 2025-11-18T11:31:00Z
                    kind: DETECTION
                    text: First automated test alert.
                %s
                remediations:
                  - id: kill-switches
                    description: More global kill switches for features.
                    type: MITIGATE
                    status: PROPOSED
                %s
                """.formatted(id, extraTimeline, tail);
    }

    static io.restassured.response.ValidatableResponse importYaml(String body) {
        return given().contentType("application/yaml").body(utf8(body)).post("/api/import").then();
    }

    List<String> eventTypes(String id) {
        return given().get("/api/incidents/" + id + "/events").then().extract().path("events.type");
    }

    @Test
    void created_then_unchanged_then_updated_with_exactly_the_differences() {
        String id = newId("import-diff");
        importYaml(yaml(id, "", "")).statusCode(200).body("summary.created", is(1), "documents[0].result", is("created"),
                "documents[0].events", is(4), "documents[0].version", is(3));
        importYaml(yaml(id, "", "")).body("documents[0].result", is("unchanged"), "documents[0].events", is(0));
        List<String> before = eventTypes(id);

        String edited = yaml(id, """
                  - id: bypass
                    at: 2025-11-18T13:05:00Z
                    kind: MITIGATION
                    text: Workers KV bypasses the core proxy.
                """, "").replace("text: First automated test alert.", "text: First automated test alert fires.")
                .replace("    status: PROPOSED", "    status: IN_PROGRESS")
                .replace("""
                  - id: permissions-change
                    at: 2025-11-18T11:05:00Z
                    kind: TRIGGER
                    text: A change to database permissions is deployed.
                    confidence: CONFIRMED
                """, """
                  - id: permissions-change
                    at: 2025-11-18T11:05:00Z
                    kind: TRIGGER
                    text: A change to database permissions is deployed.
                    confidence: CONFIRMED
                    retracted:
                      reason: duplicate of another entry
                """);
        importYaml(edited).statusCode(200).body("documents[0].result", is("updated"), "documents[0].events", is(4),
                // what changed, each with its place in the document and the command that recorded it
                "documents[0].changes.command", contains("RetractTimelineEntry", "CorrectTimelineEntry",
                        "RecordTimelineEntry", "ChangeRemediationStatus"),
                "documents[0].changes[0].pointer", is("/timeline/0/retracted"));
        List<String> after = eventTypes(id);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size())).containsExactly(
                "TimelineEntryRetracted", "TimelineEntryCorrected", "TimelineEntryRecorded", "RemediationStatusChanged");
        given().get("/api/incidents/" + id + "/events").then().body("events.via", everyItem(is("import")));
        importYaml(edited).body("documents[0].result", is("unchanged"));
    }

    @Test
    void an_entry_left_out_of_the_document_is_retracted() {
        String id = newId("import-removed");
        importYaml(yaml(id, "", ""));
        String without = yaml(id, "", "").replace("""
                  - id: first-alert
                    at: 2025-11-18T11:31:00Z
                    kind: DETECTION
                    text: First automated test alert.
                """, "");
        importYaml(without).body("documents[0].result", is("updated"), "documents[0].events", is(1));
        given().get("/api/incidents/" + id).then()
                .body("timeline.find { it.id == 'first-alert' }.retracted.reason", containsString("removed"));
    }

    @jakarta.inject.Inject
    org.axonframework.commandhandling.gateway.CommandGateway commands;

    @Test
    void a_document_planned_from_an_older_version_is_refused() {
        String id = newId("import-race");
        importYaml(yaml(id, "", "")).statusCode(200).body("documents[0].version", is(3));
        // planned from version 2, but the incident is at 3: another write came in between
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> commands.sendAndWait(new dev.faultline.api.command.ApplyIncidentDocument(
                        id, List.of(new dev.faultline.api.command.RetractTimelineEntry(id, "first-alert", "duplicate", null)), 2L)))
                .isInstanceOf(org.axonframework.modelling.command.ConflictingModificationException.class);
        given().get("/api/incidents/" + id).then().body("version", is(3),
                "timeline.find { it.id == 'first-alert' }.retracted", nullValue());
    }

    @Test
    void a_remediation_left_out_of_the_document_is_kept_and_reported() {
        String id = newId("import-kept");
        importYaml(yaml(id, "", "")).statusCode(200);
        String without = yaml(id, "", "").replaceAll("(?s)remediations:.*?status: PROPOSED\n", "");
        importYaml(without).statusCode(200).body("documents[0].result", is("unchanged"),
                "documents[0].warnings[0].pointer", is("/remediations"),
                "documents[0].warnings[0].message", allOf(containsString("is stored but not in the document"),
                        containsString("ABANDONED")));
        given().get("/api/incidents/" + id).then().body("remediations", hasSize(1));
    }

    @Test
    void every_bad_value_is_named_in_words_not_parser_messages() {
        String id = newId("import-values");
        String body = """
                {"id": "%s", "title": "Bad values", "organization": "Example", "severity": "SEV9",
                 "startedAt": "yesterday", "colour": "red",
                 "timeline": [{"id": "a", "at": "2025-13-01T00:00:00Z", "kind": "DETECTION", "text": "x"},
                              {"id": "b", "at": "2025-01-01T00:00:00Z", "kind": "DETECTION", "text": {"nested": true}}],
                 "remediations": [{"id": "r", "description": "d", "type": "PREVENT", "dueDate": "next week"}]}""".formatted(id);
        given().contentType(ContentType.JSON).body(body).post("/api/import").then().statusCode(422)
                .body("documents[0].errors.pointer", containsInAnyOrder("/severity", "/startedAt", "/colour",
                                "/timeline/0/at", "/timeline/1/text", "/remediations/0/dueDate"),
                        "documents[0].errors.find { it.pointer == '/startedAt' }.message",
                        is("'yesterday' is not an ISO-8601 instant such as 2025-11-18T11:20:00Z"),
                        "documents[0].errors.find { it.pointer == '/severity' }.message", containsString("one of SEV1"),
                        "documents[0].errors.find { it.pointer == '/timeline/1/text' }.message", is("expected a text, found an object"),
                        "documents[0].errors.message", everyItem(not(anyOf(containsString("java."),
                                containsString("Exception"), containsString("`")))));
        given().get("/api/incidents/" + id).then().statusCode(404);
    }

    @Test
    void an_invalid_document_fails_with_pointers_and_stores_nothing_while_the_others_import() {
        String good = newId("import-good");
        String bad = newId("import-bad");
        String body = "[" + json(good, "TRIGGER", "x") + "," + json(bad, "GUESS", "") + "," + json("Bad Id", "TRIGGER", "x") + "]";
        // some failed, some stored: 207, each document's own result in the body
        given().contentType(ContentType.JSON).body(body).post("/api/import").then().statusCode(207)
                .body("summary.created", is(1), "summary.failed", is(2),
                        "documents[0].result", is("created"),
                        "documents[1].result", is("failed"),
                        "documents[1].errors[0].pointer", is("/timeline/0/kind"),
                        "documents[2].errors[0].pointer", is("/id"));
        given().get("/api/incidents/" + bad).then().statusCode(404);
    }

    @Test
    void every_constraint_violation_is_reported_with_its_document_pointer() {
        String id = newId("import-pointers");
        String body = """
                {"id": "%s", "title": "", "organization": "Cloudflare", "severity": "SEV1",
                 "startedAt": "2025-11-18T11:20:00Z",
                 "timeline": [{"id": "a-1", "at": "2025-11-18T11:31:00Z", "kind": "DETECTION", "text": ""}],
                 "rootCauses": [{"id": "rc-1", "summary": "x", "labels": ["trigger:cosmic-rays"]}],
                 "sources": ["javascript:alert(1)"]}""".formatted(id);
        given().contentType(ContentType.JSON).body(body).post("/api/import").then()
                .body("documents[0].result", is("failed"),
                        "documents[0].errors.pointer", hasItems("/title", "/timeline/0/text", "/sources/0"));
        given().get("/api/incidents/" + id).then().statusCode(404);
    }

    @Test
    void a_rule_broken_mid_document_rolls_back_the_whole_document() {
        String id = newId("import-atomic");
        String body = yaml(id, "", """
                resolution:
                  resolvedAt: 2025-11-18T10:00:00Z
                """);
        // all failed, nothing stored: 422
        importYaml(body).statusCode(422).body("documents[0].result", is("failed"),
                "documents[0].errors[0].pointer", is("/resolution/resolvedAt"));
        given().get("/api/incidents/" + id).then().statusCode(404);
        importYaml(yaml(id, "", "")).body("documents[0].result", is("created"), "documents[0].version", is(3));
        given().get("/api/incidents/" + id).then().header("ETag", "\"3\"");
    }

    @Test
    void unknown_labels_fail_pointing_to_the_taxonomy() {
        String id = newId("import-label");
        importYaml(yaml(id, "", """
                rootCauses:
                  - id: cause
                    summary: Something
                    labels: [trigger:config-change, trigger:cosmic-rays]
                """)).body("documents[0].result", is("failed"),
                "documents[0].errors[0].pointer", is("/rootCauses/0/labels/1"),
                "documents[0].errors[0].message", containsString("trigger:cosmic-rays"),
                "documents[0].errors[0].message", containsString("GET /api/taxonomy"));
    }

    @Test
    void duplicate_ids_unknown_fields_and_wrong_types_fail() {
        importYaml(yaml(newId("import-dup"), """
                  - id: first-alert
                    at: 2025-11-18T11:40:00Z
                    kind: OTHER
                    text: Same id again.
                """, "")).body("documents[0].result", is("failed"),
                "documents[0].errors[0].pointer", is("/timeline/2/id"),
                "documents[0].errors[0].message", containsString("duplicate"));
        importYaml(yaml(newId("import-unknown"), "", "colour: red"))
                .body("documents[0].result", is("failed"), "documents[0].errors[0].pointer", is("/colour"));
        importYaml(yaml(newId("import-type"), "", "impact: not an object"))
                .body("documents[0].result", is("failed"), "documents[0].errors[0].pointer", is("/impact"));
        given().contentType("application/yaml").body(utf8(yaml(newId("import-twice"), "", "severity: SEV2")))
                .post("/api/import").then().statusCode(400).body("detail", containsStringIgnoringCase("duplicate"));
    }

    @Test
    void ndjson_streams_documents_and_a_bad_line_fails_alone() {
        String a = newId("nd-a");
        String b = newId("nd-b");
        String body = json(a, "TRIGGER", "x") + "\n{not json\n\n" + json(b, "DETECTION", "y") + "\n";
        given().contentType("application/x-ndjson").body(utf8(body)).post("/api/import").then().statusCode(207)
                .body("summary.created", is(2), "summary.failed", is(1),
                        "documents[1].result", is("failed"), "documents[1].errors[0].message", containsString("malformed"));
        assertThat(Incidents.eventCount(b)).isEqualTo(2);
    }

    @Test
    void malformed_bodies_hostile_yaml_and_wrong_media_types_are_4xx() {
        given().contentType("application/yaml").body(utf8("id: [unclosed")).post("/api/import").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"id\": ").post("/api/import").then().statusCode(400);
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        given().contentType("application/yaml").body(utf8(bomb.toString())).post("/api/import").then().statusCode(400)
                .body("detail", containsString("aliases"));
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        given().contentType(ContentType.JSON).body(deep).post("/api/import").then().statusCode(400);
        given().contentType("application/yaml").body(utf8("a:\n  - " + "[".repeat(500) + "]".repeat(500)))
                .post("/api/import").then().statusCode(anyOf(is(200), is(400)));
        given().contentType(ContentType.TEXT).body("id: x").post("/api/import").then().statusCode(415);
    }

    @Test
    void the_same_incident_twice_in_one_stream_is_imported_in_input_order() {
        String id = newId("nd-twice");
        String first = json(id, "TRIGGER", "first version");
        String second = json(id, "TRIGGER", "second version");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            body.append(json(newId("nd-filler"), "OTHER", "x")).append('\n');
        }
        body.append(first).append('\n').append(second).append('\n');
        given().contentType("application/x-ndjson").body(utf8(body.toString())).post("/api/import").then()
                .body("documents[12].result", is("created"), "documents[13].result", is("updated"),
                        "documents.index", contains(java.util.stream.IntStream.range(0, 14).boxed().toArray()));
        given().get("/api/incidents/" + id).then().body("timeline[0].text", is("second version"));
    }

    @Test
    void a_document_line_over_the_limit_fails_alone() {
        String huge = "{\"id\":\"" + newId("nd-huge") + "\",\"summary\":\"" + "x".repeat(1_100_000) + "\"}";
        String ok = json(newId("nd-ok"), "TRIGGER", "x");
        given().contentType("application/x-ndjson").body(utf8(huge + "\n" + ok + "\n")).post("/api/import").then()
                .statusCode(207).body("summary.failed", is(1), "summary.created", is(1),
                        "documents[0].errors[0].message", containsString("longer than"));
    }

    static String json(String id, String kind, String text) {
        return """
                {"id":"%s","title":"An outage","organization":"Example","severity":"SEV2","startedAt":"2025-01-01T10:00:00Z",\
                "timeline":[{"id":"first","at":"2025-01-01T10:05:00Z","kind":"%s","text":"%s"}]}""".formatted(id, kind, text);
    }
}
