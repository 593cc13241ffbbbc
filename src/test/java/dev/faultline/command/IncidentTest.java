package dev.faultline.command;

import dev.faultline.infra.validation.CommandValidation;
import dev.faultline.api.command.*;
import dev.faultline.api.event.*;
import dev.faultline.api.value.*;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.faultline.api.command.CommandRejected.Reason.CONFLICT;
import static dev.faultline.api.command.CommandRejected.Reason.INVALID;
import static dev.faultline.api.command.CommandRejected.Reason.NOT_FOUND;

/** The Incident's rules, told as stories: given these facts, when this command, then these events. */
class IncidentTest {

    static final String ID = "cloudflare-2025-11-18";
    static final Instant START = Instant.parse("2025-11-18T11:20:00Z");
    static final String BLOG = "https://blog.cloudflare.com/18-november-2025-outage/";

    static final IncidentDeclared DECLARED = new IncidentDeclared(ID, "Cloudflare global outage", "Cloudflare",
            Severity.SEV1, START, TimePrecision.EXACT, "Bot Management feature file doubled", List.of("CDN"), List.of(BLOG));
    static final TimelineEntryRecorded ALERT = new TimelineEntryRecorded(ID, "first-alert",
            Instant.parse("2025-11-18T11:31:00Z"), TimePrecision.EXACT, EntryKind.DETECTION,
            "Automated tests detect the issue", BLOG, Confidence.CONFIRMED);
    static final RootCauseIdentified DDOS = new RootCauseIdentified(ID, "ddos", "Suspected DDoS",
            List.of("response:misleading-hypothesis"), Instant.parse("2025-11-18T11:35:00Z"), null, Confidence.CONFIRMED);
    static final RemediationProposed KILL_SWITCH = new RemediationProposed(ID, "kill-switches",
            "More global kill switches for features", RemediationType.MITIGATE, "Cloudflare", null, BLOG,
            Confidence.CONFIRMED);

    /** The application's own dispatch-time validation; its factory is built once for all the tests. */
    static final CommandValidation VALIDATION = new CommandValidation();

    FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerCommandDispatchInterceptor(VALIDATION.dispatchInterceptor());
    }

    RecordTimelineEntry recordAlert() {
        return new RecordTimelineEntry(ID, "first-alert", ALERT.at(), null, EntryKind.DETECTION, ALERT.text(), BLOG,
                Confidence.CONFIRMED, null);
    }

    @Nested
    class Declaration {
        @Test
        void declaring_records_the_declaration() {
            fixture.givenNoPriorActivity()
                    .when(new DeclareIncident(ID, " Cloudflare global outage ", "Cloudflare", Severity.SEV1, START, null,
                            "Bot Management feature file doubled", List.of("CDN"), List.of(BLOG)))
                    .expectEvents(DECLARED);
        }
        @Test
        void an_id_that_is_not_a_slug_is_rejected_before_anything_is_recorded() {
            assertInvalid(List.of(), new DeclareIncident("Cloudflare 18/11", "title", "org", Severity.SEV1, START,
                    null, null, null, null), "incidentId");
        }
        @Test
        void missing_fields_and_non_http_sources_are_rejected() {
            assertInvalid(List.of(), new DeclareIncident(ID, " ", null, null, null, null, null, null,
                    List.of("javascript:alert(1)")), "title", "organization", "severity", "startedAt", "sources");
        }
        @Test
        void text_over_its_limit_is_rejected() {
            assertInvalid(List.of(), new DeclareIncident(ID, "x".repeat(Limits.TITLE + 1), "o", Severity.SEV1, START, null,
                    "s".repeat(Limits.LONG_TEXT + 1), null, null), "title", "summary");
        }
        @Test
        void revising_records_only_what_changed() {
            fixture.given(DECLARED)
                    .when(new ReviseIncidentDetails(ID, "Cloudflare global outage", null, Severity.SEV2, null, null, null,
                            null, null, null))
                    .expectEvents(new IncidentDetailsRevised(ID, null, null, Severity.SEV2, null, null, null, null, null))
                    .expectResultMessagePayload(new CommandOutcome(ID, 1, true));
        }
        @Test
        void revising_to_the_same_values_records_nothing() {
            fixture.given(DECLARED)
                    .when(new ReviseIncidentDetails(ID, "Cloudflare global outage", "Cloudflare", Severity.SEV1, START,
                            null, null, null, null, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new CommandOutcome(ID, 0, false));
        }

        @Test
        void start_cannot_move_after_the_resolution() {
            fixture.given(DECLARED, new IncidentResolved(ID, START.plusSeconds(3600), TimePrecision.EXACT, "rolled back", null, Confidence.CONFIRMED))
                    .when(new ReviseIncidentDetails(ID, null, null, null, START.plusSeconds(7200), null, null, null, null, null))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("after the resolution"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Timeline {
        @Test
        void recording_an_entry() {
            fixture.given(DECLARED).when(recordAlert()).expectEvents(ALERT)
                    .expectResultMessagePayload(new CommandOutcome(ID, 1, true));
        }

        @Test
        void recording_the_same_entry_again_is_a_no_op() {
            fixture.given(DECLARED, ALERT).when(recordAlert()).expectNoEvents()
                    .expectResultMessagePayload(new CommandOutcome(ID, 1, false));
        }

        @Test
        void the_same_entry_id_with_other_content_is_a_conflict() {
            fixture.given(DECLARED, ALERT)
                    .when(new RecordTimelineEntry(ID, "first-alert", ALERT.at(), null, EntryKind.OTHER, "else", null, null, null))
                    .expectException(rejection(CONFLICT, "entryId")).expectNoEvents();
        }

        @Test
        void an_entry_without_a_time_or_kind_is_rejected() {
            assertInvalid(List.of(DECLARED), new RecordTimelineEntry(ID, "e-1", null, null, null, "text", null, null,
                    null), "at", "kind");
        }
        @Test
        void correcting_an_entry_keeps_its_id_and_records_the_new_content() {
            Instant at = Instant.parse("2025-11-18T11:32:00Z");
            fixture.given(DECLARED, ALERT)
                    .when(new CorrectTimelineEntry(ID, "first-alert", at, TimePrecision.MINUTE, EntryKind.DETECTION,
                            ALERT.text(), BLOG, Confidence.CONFIRMED, "blog says 11:32", null))
                    .expectEvents(new TimelineEntryCorrected(ID, "first-alert", at, TimePrecision.MINUTE,
                            EntryKind.DETECTION, ALERT.text(), BLOG, Confidence.CONFIRMED, "blog says 11:32"));
        }

        @Test
        void a_correction_that_changes_nothing_records_nothing() {
            fixture.given(DECLARED, ALERT)
                    .when(new CorrectTimelineEntry(ID, "first-alert", ALERT.at(), null, EntryKind.DETECTION,
                            ALERT.text(), BLOG, Confidence.CONFIRMED, "again", null))
                    .expectNoEvents();
        }

        @Test
        void correcting_an_unknown_entry_is_not_found() {
            fixture.given(DECLARED)
                    .when(new CorrectTimelineEntry(ID, "nope", ALERT.at(), null, EntryKind.DETECTION, "t", null, null,
                            null, null))
                    .expectException(rejection(NOT_FOUND, "entryId")).expectNoEvents();
        }
        @Test
        void a_retracted_entry_cannot_be_corrected() {
            fixture.given(DECLARED, ALERT, new TimelineEntryRetracted(ID, "first-alert", "wrong"))
                    .when(new CorrectTimelineEntry(ID, "first-alert", ALERT.at(), null, EntryKind.DETECTION, "t",
                            null, null, null, null))
                    .expectNoEvents()
                    .expectException(CommandRejected.class);
        }

        @Test
        void retracting_keeps_the_entry_and_says_why() {
            fixture.given(DECLARED, ALERT)
                    .when(new RetractTimelineEntry(ID, "first-alert", "was a test alert", null))
                    .expectEvents(new TimelineEntryRetracted(ID, "first-alert", "was a test alert"));
        }

        @Test
        void retracting_twice_records_once() {
            fixture.given(DECLARED, ALERT, new TimelineEntryRetracted(ID, "first-alert", "x"))
                    .when(new RetractTimelineEntry(ID, "first-alert", "x", null))
                    .expectNoEvents();
        }

        @Test
        void retracting_an_unknown_entry_is_not_found() {
            fixture.given(DECLARED)
                    .when(new RetractTimelineEntry(ID, "nope", null, null))
                    .expectException(rejection(NOT_FOUND, "entryId")).expectNoEvents();
        }
    }

    @Nested
    class Findings {
        @Test
        void publishing_a_statement() {
            Instant at = Instant.parse("2025-11-18T23:00:00Z");
            fixture.given(DECLARED)
                    .when(new PublishStatement(ID, "ceo-blog", "Matthew Prince", "CEO", at, null, StatementChannel.BLOG,
                            "An outage like today's is unacceptable.", BLOG, Confidence.CONFIRMED, null))
                    .expectEvents(new StatementPublished(ID, "ceo-blog", "Matthew Prince", "CEO", at,
                            TimePrecision.EXACT, StatementChannel.BLOG, "An outage like today's is unacceptable.", BLOG, Confidence.CONFIRMED));
        }

        @Test
        void a_statement_needs_a_speaker_a_channel_and_a_quote() {
            assertInvalid(List.of(DECLARED), new PublishStatement(ID, "s-1", "", null, START, null, null, "", null, null,
                    null), "speaker", "channel", "quote");
        }
        @Test
        void identifying_a_root_cause_with_taxonomy_labels() {
            fixture.given(DECLARED)
                    .when(new IdentifyRootCause(ID, "ddos", "Suspected DDoS", List.of("response:misleading-hypothesis"),
                            DDOS.identifiedAt(), null, Confidence.CONFIRMED, null))
                    .expectEvents(DDOS);
        }
        @Test
        void every_unknown_label_is_rejected_with_a_pointer_to_the_taxonomy() {
            fixture.given(DECLARED)
                    .when(new IdentifyRootCause(ID, "rc-1", "x", List.of("trigger:config-change", "trigger:cosmic-rays",
                            "defect:gremlins"), null, null, null, null))
                    .expectException(rejection(INVALID, "labels[1]"))
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("2 unknown label(s)"),
                            org.hamcrest.Matchers.containsString("trigger:cosmic-rays"),
                            org.hamcrest.Matchers.containsString("defect:gremlins"),
                            org.hamcrest.Matchers.containsString("GET /api/taxonomy")))
                    .expectNoEvents();
        }
        @Test
        void a_badly_written_label_is_rejected_by_its_shape() {
            assertInvalid(List.of(DECLARED), new IdentifyRootCause(ID, "rc-1", "x", List.of("Config Change"), null,
                    null, null, null), "labels");
        }
        @Test
        void revising_a_root_cause() {
            fixture.given(DECLARED, DDOS)
                    .when(new ReviseRootCause(ID, "ddos", "Suspected DDoS from a botnet", DDOS.labels(),
                            DDOS.identifiedAt(), null, Confidence.SECONDARY, "more detail", null))
                    .expectEvents(new RootCauseRevised(ID, "ddos", "Suspected DDoS from a botnet", DDOS.labels(),
                            DDOS.identifiedAt(), null, Confidence.SECONDARY, "more detail"));
        }

        @Test
        void a_ruled_out_cause_cannot_be_revised() {
            fixture.given(DECLARED, DDOS, new RootCauseRuledOut(ID, "ddos", START.plusSeconds(6300), "feature file"))
                    .when(new ReviseRootCause(ID, "ddos", "x", null, null, null, null, null, null))
                    .expectException(CommandRejected.class)
                    .expectNoEvents();
        }

        @Test
        void ruling_a_cause_out_at_an_incident_time() {
            Instant at = Instant.parse("2025-11-18T13:05:00Z");
            fixture.given(DECLARED, DDOS)
                    .when(new RuleOutRootCause(ID, "ddos", at, "bad feature file found", null))
                    .expectEvents(new RootCauseRuledOut(ID, "ddos", at, "bad feature file found"));
        }

        @Test
        void a_cause_cannot_be_ruled_out_before_it_was_identified() {
            fixture.given(DECLARED, DDOS)
                    .when(new RuleOutRootCause(ID, "ddos", START, "x", null))
                    .expectException(rejection(INVALID, "ruledOutAt")).expectNoEvents();
        }
        @Test
        void ruling_out_an_unknown_cause_is_not_found() {
            fixture.given(DECLARED)
                    .when(new RuleOutRootCause(ID, "nope", null, null, null))
                    .expectException(rejection(NOT_FOUND, "rootCauseId")).expectNoEvents();
        }
        @Test
        void adding_a_contributing_factor() {
            fixture.given(DECLARED)
                    .when(new AddContributingFactor(ID, "no-limit-check", "No size check on the generated file",
                            List.of("defect:missing-validation"), null, null, null))
                    .expectEvents(new ContributingFactorAdded(ID, "no-limit-check", "No size check on the generated file",
                            List.of("defect:missing-validation"), null, null));
        }

        @Test
        void assessing_impact_twice_with_the_same_content_records_once() {
            ImpactAssessed impact = new ImpactAssessed(ID, "Core CDN traffic failed", List.of("CDN"),
                    List.of(new ImpactFigure("duration of core impact", "about 3 hours")), BLOG, Confidence.CONFIRMED);
            fixture.given(DECLARED, impact)
                    .when(new AssessImpact(ID, impact.description(), impact.affectedServices(), impact.figures(), BLOG,
                            Confidence.CONFIRMED, null))
                    .expectNoEvents();
        }

        @Test
        void impact_figures_are_validated() {
            assertInvalid(List.of(DECLARED), new AssessImpact(ID, "x", null, List.of(new ImpactFigure("", "1")), null,
                    null, null), "figures");
        }
    }

    @Nested
    class Remediation {
        @Test
        void proposing_an_action() {
            fixture.given(DECLARED)
                    .when(new ProposeRemediation(ID, "kill-switches", "More global kill switches for features",
                            RemediationType.MITIGATE, "Cloudflare", null, BLOG, Confidence.CONFIRMED, null))
                    .expectEvents(KILL_SWITCH);
        }

        @Test
        void an_action_moves_forward_through_its_life_cycle() {
            fixture.given(DECLARED, KILL_SWITCH)
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.IN_PROGRESS, "started", null, null, null))
                    .expectEvents(new RemediationStatusChanged(ID, "kill-switches", RemediationStatus.PROPOSED,
                            RemediationStatus.IN_PROGRESS, "started", null, null));
        }

        @Test
        void a_status_change_keeps_when_it_happened_and_not_before_the_incident() {
            Instant done = Instant.parse("2026-01-15T00:00:00Z");
            fixture.given(DECLARED, KILL_SWITCH)
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.DONE, null, done, null, null))
                    .expectEvents(new RemediationStatusChanged(ID, "kill-switches", RemediationStatus.PROPOSED,
                            RemediationStatus.DONE, null, done, TimePrecision.EXACT));
            fixture.given(DECLARED, KILL_SWITCH)
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.DONE, null,
                            Instant.parse("2020-01-01T00:00:00Z"), TimePrecision.DAY, null))
                    .expectException(rejection(INVALID, "at")).expectNoEvents();
        }

        @Test
        void a_done_action_cannot_move_back() {
            fixture.given(DECLARED, KILL_SWITCH,
                            new RemediationStatusChanged(ID, "kill-switches", RemediationStatus.PROPOSED, RemediationStatus.DONE, null, null, null))
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.IN_PROGRESS, null, null, null, null))
                    .expectException(rejection(CONFLICT, "status")).expectNoEvents();
        }

        @Test
        void an_abandoned_action_cannot_be_done() {
            fixture.given(DECLARED, KILL_SWITCH,
                            new RemediationStatusChanged(ID, "kill-switches", RemediationStatus.PROPOSED, RemediationStatus.ABANDONED, null, null, null))
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.DONE, null, null, null, null))
                    .expectException(rejection(CONFLICT, "status"))
                    .expectNoEvents();
        }

        @Test
        void an_action_cannot_go_back_to_proposed() {
            fixture.given(DECLARED, KILL_SWITCH,
                            new RemediationStatusChanged(ID, "kill-switches", RemediationStatus.PROPOSED, RemediationStatus.IN_PROGRESS, null, null, null))
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.PROPOSED, null, null, null, null))
                    .expectException(CommandRejected.class);
        }

        @Test
        void the_same_status_again_records_nothing() {
            fixture.given(DECLARED, KILL_SWITCH)
                    .when(new ChangeRemediationStatus(ID, "kill-switches", RemediationStatus.PROPOSED, null, null, null, null))
                    .expectNoEvents();
        }

        @Test
        void moving_an_unknown_action_is_not_found() {
            fixture.given(DECLARED)
                    .when(new ChangeRemediationStatus(ID, "nope", RemediationStatus.DONE, null, null, null, null))
                    .expectException(rejection(NOT_FOUND, "actionId")).expectNoEvents();
        }

        @Test
        void a_due_date_is_kept() {
            LocalDate due = LocalDate.parse("2026-03-31");
            fixture.given(DECLARED)
                    .when(new ProposeRemediation(ID, "limits", "Harden ingestion of generated files", RemediationType.PREVENT,
                            null, due, null, null, null))
                    .expectEvents(new RemediationProposed(ID, "limits", "Harden ingestion of generated files",
                            RemediationType.PREVENT, null, due, null, null));
        }
    }

    @Nested
    class ResolutionAndLinks {
        @Test
        void resolving() {
            Instant end = Instant.parse("2025-11-18T17:06:00Z");
            fixture.given(DECLARED)
                    .when(new ResolveIncident(ID, end, null, "All systems back", BLOG, Confidence.CONFIRMED, null))
                    .expectEvents(new IncidentResolved(ID, end, TimePrecision.EXACT, "All systems back", BLOG, Confidence.CONFIRMED));
        }

        @Test
        void resolving_without_a_time_says_over_with_the_end_unknown() {
            fixture.given(DECLARED)
                    .when(new ResolveIncident(ID, null, null, "Hosts recovered by hand over days", BLOG, null, null))
                    .expectEvents(new IncidentResolved(ID, null, null, "Hosts recovered by hand over days", BLOG, null));
        }

        @Test
        void a_precision_without_a_time_is_rejected() {
            fixture.given(DECLARED)
                    .when(new ResolveIncident(ID, null, TimePrecision.DAY, null, null, null, null))
                    .expectException(rejection(INVALID, "precision")).expectNoEvents();
        }

        @Test
        void resolution_cannot_precede_the_start() {
            fixture.given(DECLARED)
                    .when(new ResolveIncident(ID, START.minusSeconds(1), null, null, null, null, null))
                    .expectException(rejection(INVALID, "resolvedAt")).expectNoEvents();
        }

        @Test
        void linking_and_unlinking() {
            IncidentLinked linked = new IncidentLinked(ID, "aws-2025-10-20", LinkRelation.SAME_ROOT_CAUSE, "config automation");
            fixture.given(DECLARED)
                    .when(new LinkIncident(ID, "aws-2025-10-20", LinkRelation.SAME_ROOT_CAUSE, "config automation", null))
                    .expectEvents(linked);
            fixture.given(DECLARED, linked)
                    .when(new UnlinkIncident(ID, "aws-2025-10-20", null, null))
                    .expectEvents(new IncidentUnlinked(ID, "aws-2025-10-20", LinkRelation.SAME_ROOT_CAUSE));
        }

        @Test
        void an_incident_cannot_link_to_itself() {
            fixture.given(DECLARED)
                    .when(new LinkIncident(ID, ID, LinkRelation.DUPLICATE_OF, null, null))
                    .expectException(rejection(INVALID, "otherIncidentId")).expectNoEvents();
        }

        @Test
        void removing_a_link_that_does_not_exist_is_not_found() {
            fixture.given(DECLARED)
                    .when(new UnlinkIncident(ID, "aws-2025-10-20", null, null))
                    .expectException(rejection(NOT_FOUND, "otherIncidentId")).expectNoEvents();
        }
    }

    @Nested
    class ImportedDocuments {
        @Test
        void a_document_for_a_new_incident_declares_it_and_applies_every_command_in_order() {
            fixture.givenNoPriorActivity()
                    .when(new ApplyIncidentDocument(ID, List.of(
                            new DeclareIncident(ID, "Cloudflare global outage", "Cloudflare", Severity.SEV1, START,
                                    TimePrecision.EXACT, "Bot Management feature file doubled", List.of("CDN"), List.of(BLOG)),
                            recordAlert(),
                            new RetractTimelineEntry(ID, "first-alert", "test alert", null)), null))
                    .expectEvents(DECLARED, ALERT, new TimelineEntryRetracted(ID, "first-alert", "test alert"));
        }

        @Test
        void a_document_for_a_known_incident_applies_only_its_commands() {
            fixture.given(DECLARED)
                    .when(new ApplyIncidentDocument(ID, List.of(recordAlert()), null))
                    .expectEvents(ALERT)
                    .expectResultMessagePayload(new CommandOutcome(ID, 1, true));
        }

        @Test
        void a_rule_broken_by_any_command_records_nothing_and_names_the_command() {
            fixture.given(DECLARED)
                    .when(new ApplyIncidentDocument(ID, List.of(recordAlert(),
                            new ResolveIncident(ID, START.minusSeconds(60), null, null, null, null, null)), null))
                    .expectNoEvents()
                    .expectException(org.hamcrest.Matchers.allOf(rejection(INVALID, "resolvedAt"),
                            new org.hamcrest.TypeSafeMatcher<Object>() {
                                @Override
                                protected boolean matchesSafely(Object item) {
                                    return ((CommandRejected) item).step() == 1;
                                }

                                @Override
                                public void describeTo(org.hamcrest.Description d) {
                                    d.appendText("rejected at step 1");
                                }
                            }));
        }

        @Test
        void a_document_cannot_start_without_a_declaration() {
            fixture.givenNoPriorActivity()
                    .when(new ApplyIncidentDocument(ID, List.of(recordAlert()), null))
                    .expectException(CommandRejected.class)
                    .expectNoEvents();
        }
    }

    /**
     * Asserts that Bean Validation rejects the command at dispatch, before the aggregate sees it
     * (so nothing can be recorded), naming exactly the given fields.
     */
    void assertInvalid(List<Object> given, Object command, String... fields) {
        org.axonframework.test.aggregate.TestExecutor<Incident> executor = fixture.given(given);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.when(command))
                .isInstanceOfSatisfying(JSR303ViolationException.class, e -> {
                    if (fields.length > 0) {
                        org.assertj.core.api.Assertions.assertThat(e.getViolations())
                                .extracting(v -> v.getPropertyPath().toString().replaceAll("\\[.*", ""))
                                .containsExactlyInAnyOrder(fields);
                    }
                });
    }

    /** Matches a {@link CommandRejected} of the given kind naming the given field. */
    static org.hamcrest.Matcher<Object> rejection(CommandRejected.Reason reason, String field) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandRejected r && r.reason() == reason && field.equals(r.field());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("CommandRejected " + reason + " on " + field);
            }
        };
    }
}
