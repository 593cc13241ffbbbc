package dev.faultline.command;

import dev.faultline.taxonomy.Taxonomy;
import dev.faultline.api.command.*;
import dev.faultline.api.event.*;
import dev.faultline.api.value.*;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.CommandHandlerInterceptor;

import static dev.faultline.api.command.CommandRejected.conflict;
import static dev.faultline.api.command.CommandRejected.invalid;
import static dev.faultline.api.command.CommandRejected.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One outage and everything learned about it. Command handlers check the rules and apply events;
 * event-sourcing handlers only keep the state those rules need.
 *
 * <p>Every command on an existing incident answers with a {@link CommandOutcome}: the version
 * after it (its last sequence number) and whether it recorded anything. A command that repeats what is already recorded (same client-supplied id, same content) records
 * nothing and returns the current version, so clients can retry safely; the same id with different
 * content is a conflict.
 */
public class Incident {

    @AggregateIdentifier
    private String incidentId;
    private Instant startedAt;
    private IncidentDeclared declaration;
    private IncidentResolved resolution;
    private ImpactAssessed impact;
    private final Map<String, TimelineEntryRecorded> entriesAsRecorded = new HashMap<>();
    private final Map<String, EntryContent> entryContent = new HashMap<>();
    private final Set<String> retractedEntries = new HashSet<>();
    private final Map<String, StatementPublished> statements = new HashMap<>();
    private final Map<String, RootCauseIdentified> rootCausesAsIdentified = new HashMap<>();
    private final Map<String, RootCauseRevised> rootCausesAsRevised = new HashMap<>();
    private final Set<String> retractedRootCauses = new HashSet<>();
    private final Map<String, ContributingFactorAdded> factors = new HashMap<>();
    private final Map<String, RemediationProposed> remediations = new HashMap<>();
    private final Map<String, RemediationStatus> remediationStatus = new HashMap<>();
    private final Set<Link> links = new HashSet<>();

    private record Link(String otherIncidentId, LinkRelation relation) {
    }

    /** What a correction may change; a correction equal to the current content records nothing. */
    private record EntryContent(Instant at, TimePrecision precision, EntryKind kind, String text, String source,
                                Confidence confidence) {
    }

    protected Incident() {
        // for Axon's event sourcing
    }

    // ---- declaration ------------------------------------------------------------------------

    @CommandHandler
    public Incident(DeclareIncident c) {
        declare(c);
    }

    /**
     * An imported document: its commands run in order through the same handlers, in this one unit
     * of work, so they record exactly the events the REST API would — or nothing at all.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ApplyIncidentDocument document) {
        // Axon checks a command's expected version only when it loads an aggregate, not on this
        // load-or-create path: the document's plan is checked here
        if (document.expectedVersion() != null && versionOrNone() != document.expectedVersion()) {
            throw new org.axonframework.modelling.command.ConflictingAggregateVersionException(document.incidentId(),
                    document.expectedVersion(), versionOrNone());
        }
        List<IncidentCommand> commands = document.commands();
        for (int i = 0; i < commands.size(); i++) {
            IncidentCommand c = commands.get(i);
            if (incidentId == null && !(c instanceof DeclareIncident)) {
                throw notFound("incidentId", "no incident " + document.incidentId());
            }
            try {
                execute(c);
            } catch (CommandRejected e) {
                throw e.atStep(i);
            }
        }
    }

    private void execute(IncidentCommand c) {
        if (c instanceof DeclareIncident x) {
            if (incidentId != null) {
                throw conflict("incidentId", "an incident with id " + x.incidentId() + " already exists");
            }
            declare(x);
        } else if (c instanceof ReviseIncidentDetails x) {
            handle(x);
        } else if (c instanceof RecordTimelineEntry x) {
            handle(x);
        } else if (c instanceof CorrectTimelineEntry x) {
            handle(x);
        } else if (c instanceof RetractTimelineEntry x) {
            handle(x);
        } else if (c instanceof PublishStatement x) {
            handle(x);
        } else if (c instanceof IdentifyRootCause x) {
            handle(x);
        } else if (c instanceof ReviseRootCause x) {
            handle(x);
        } else if (c instanceof RuleOutRootCause x) {
            handle(x);
        } else if (c instanceof AddContributingFactor x) {
            handle(x);
        } else if (c instanceof AssessImpact x) {
            handle(x);
        } else if (c instanceof ProposeRemediation x) {
            handle(x);
        } else if (c instanceof ChangeRemediationStatus x) {
            handle(x);
        } else if (c instanceof ResolveIncident x) {
            handle(x);
        } else if (c instanceof LinkIncident x) {
            handle(x);
        } else if (c instanceof UnlinkIncident x) {
            handle(x);
        } else {
            throw invalid("commands", "cannot apply " + c.getClass().getSimpleName() + " from a document");
        }
    }

    private void declare(DeclareIncident c) {
        apply(new IncidentDeclared(c.incidentId(), c.title().strip(), c.organization().strip(), c.severity(),
                c.startedAt(), precision(c.startPrecision()), c.summary(), listOrEmpty(c.affectedServices()), listOrEmpty(c.sources())));
    }

    @CommandHandler
    public void handle(ReviseIncidentDetails c) {
        IncidentDeclared now = declaration;
        String title = changed(c.title() == null ? null : c.title().strip(), now.title());
        String organization = changed(c.organization() == null ? null : c.organization().strip(), now.organization());
        Severity severity = changed(c.severity(), now.severity());
        Instant started = changed(c.startedAt(), now.startedAt());
        TimePrecision startPrecision = changed(c.startPrecision(), now.startPrecision());
        String summary = changed(c.summary(), now.summary());
        List<String> services = changed(c.affectedServices(), now.affectedServices());
        List<String> sources = changed(c.sources(), now.sources());
        if (started != null && resolution != null && resolution.resolvedAt() != null && resolution.resolvedAt().isBefore(started)) {
            throw invalid("startedAt", "startedAt " + started + " is after the resolution at " + resolution.resolvedAt());
        }
        if (title != null || organization != null || severity != null || started != null || startPrecision != null
                || summary != null || services != null || sources != null) {
            apply(new IncidentDetailsRevised(incidentId, title, organization, severity, started, startPrecision, summary,
                    services, sources));
        }
    }

    /** Wraps every command on an existing incident to report its outcome. */
    @CommandHandlerInterceptor
    public CommandOutcome outcome(InterceptorChain chain) throws Exception {
        long before = versionOrNone();
        chain.proceed();
        long after = versionOrNone();
        return new CommandOutcome(incidentId, after, after != before);
    }

    /** The version, or -1 while an aggregate created by an import has no event yet. */
    private static long versionOrNone() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? -1 : version;
    }

    // ---- timeline ---------------------------------------------------------------------------

    @CommandHandler
    public void handle(RecordTimelineEntry c) {
        TimelineEntryRecorded event = new TimelineEntryRecorded(incidentId, c.entryId(), c.at(),
                precision(c.precision()), c.kind(), c.text(), c.source(), c.confidence());
        applyOnce(entriesAsRecorded, "entryId", c.entryId(), event, "timeline entry");
    }

    @CommandHandler
    public void handle(CorrectTimelineEntry c) {
        requireEntry(c.entryId());
        if (retractedEntries.contains(c.entryId())) {
            throw conflict("entryId", "timeline entry " + c.entryId() + " was retracted and cannot be corrected");
        }
        TimelineEntryCorrected event = new TimelineEntryCorrected(incidentId, c.entryId(), c.at(),
                precision(c.precision()), c.kind(), c.text(), c.source(), c.confidence(), c.reason());
        EntryContent content = new EntryContent(event.at(), event.precision(), event.kind(), event.text(),
                event.source(), event.confidence());
        if (!content.equals(entryContent.get(c.entryId()))) {
            apply(event);
        }
    }

    @CommandHandler
    public void handle(RetractTimelineEntry c) {
        requireEntry(c.entryId());
        if (!retractedEntries.contains(c.entryId())) {
            apply(new TimelineEntryRetracted(incidentId, c.entryId(), c.reason()));
        }
    }

    // ---- statements, causes, factors, impact ------------------------------------------------

    @CommandHandler
    public void handle(PublishStatement c) {
        StatementPublished event = new StatementPublished(incidentId, c.statementId(), c.speaker().strip(),
                c.role(), c.publishedAt(), precision(c.precision()), c.channel(), c.quote(), c.source(), c.confidence());
        applyOnce(statements, "statementId", c.statementId(), event, "statement");
    }

    @CommandHandler
    public void handle(IdentifyRootCause c) {
        List<String> labels = checkLabels(c.labels());
        RootCauseIdentified event = new RootCauseIdentified(incidentId, c.rootCauseId(), c.summary(), labels,
                c.identifiedAt(), c.source(), c.confidence());
        applyOnce(rootCausesAsIdentified, "rootCauseId", c.rootCauseId(), event, "root cause");
    }

    @CommandHandler
    public void handle(ReviseRootCause c) {
        requireRootCause(c.rootCauseId());
        if (retractedRootCauses.contains(c.rootCauseId())) {
            throw conflict("rootCauseId", "root cause " + c.rootCauseId() + " was retracted and cannot be revised");
        }
        List<String> labels = checkLabels(c.labels());
        RootCauseRevised event = new RootCauseRevised(incidentId, c.rootCauseId(), c.summary(), labels,
                c.identifiedAt(), c.source(), c.confidence(), c.reason());
        if (!sameRootCauseContent(event)) {
            apply(event);
        }
    }

    @CommandHandler
    public void handle(RuleOutRootCause c) {
        requireRootCause(c.rootCauseId());
        Instant identifiedAt = currentIdentifiedAt(c.rootCauseId());
        if (c.ruledOutAt() != null && identifiedAt != null && c.ruledOutAt().isBefore(identifiedAt)) {
            throw invalid("ruledOutAt", "ruledOutAt " + c.ruledOutAt() + " is before the cause was identified at " + identifiedAt);
        }
        if (!retractedRootCauses.contains(c.rootCauseId())) {
            apply(new RootCauseRuledOut(incidentId, c.rootCauseId(), c.ruledOutAt(), c.reason()));
        }
    }

    @CommandHandler
    public void handle(AddContributingFactor c) {
        ContributingFactorAdded event = new ContributingFactorAdded(incidentId, c.factorId(), c.text(),
                checkLabels(c.labels()), c.source(), c.confidence());
        applyOnce(factors, "factorId", c.factorId(), event, "contributing factor");
    }

    @CommandHandler
    public void handle(AssessImpact c) {
        ImpactAssessed event = new ImpactAssessed(incidentId, c.description(), listOrEmpty(c.affectedServices()),
                listOrEmpty(c.figures()), c.source(), c.confidence());
        if (!event.equals(impact)) {
            apply(event);
        }
    }

    // ---- remediation ------------------------------------------------------------------------

    @CommandHandler
    public void handle(ProposeRemediation c) {
        RemediationProposed event = new RemediationProposed(incidentId, c.actionId(), c.description(), c.type(),
                c.owner(), c.dueDate(), c.source(), c.confidence());
        applyOnce(remediations, "actionId", c.actionId(), event, "remediation action");
    }

    @CommandHandler
    public void handle(ChangeRemediationStatus c) {
        RemediationStatus from = remediationStatus.get(c.actionId());
        if (from == null) {
            throw notFound("actionId", "no remediation action " + c.actionId() + " in incident " + incidentId);
        }
        if (from == c.status()) {
            return;
        }
        if (!from.canMoveTo(c.status())) {
            throw conflict("status", "remediation " + c.actionId() + " cannot move from " + from + " to " + c.status()
                    + (from.next().isEmpty() ? " (" + from + " is final)" : "; allowed: " + from.next()));
        }
        if (c.at() != null && c.at().isBefore(startedAt)) {
            throw invalid("at", "at " + c.at() + " is before the incident started at " + startedAt);
        }
        apply(new RemediationStatusChanged(incidentId, c.actionId(), from, c.status(), c.note(), c.at(),
                c.at() == null ? null : c.precision() == null ? TimePrecision.EXACT : c.precision()));
    }

    // ---- resolution and links ---------------------------------------------------------------

    @CommandHandler
    public void handle(ResolveIncident c) {
        if (c.resolvedAt() != null && c.resolvedAt().isBefore(startedAt)) {
            throw invalid("resolvedAt", "resolvedAt " + c.resolvedAt() + " is before the incident started at " + startedAt);
        }
        if (c.resolvedAt() == null && c.precision() != null) {
            throw invalid("precision", "precision applies to a resolvedAt; without one the end time is unknown");
        }
        // without resolvedAt: the outage is over, when it ended is not known (no precision, no duration)
        IncidentResolved event = new IncidentResolved(incidentId, c.resolvedAt(),
                c.resolvedAt() == null ? null : precision(c.precision()), c.how(), c.source(), c.confidence());
        if (!event.equals(resolution)) {
            apply(event);
        }
    }

    @CommandHandler
    public void handle(LinkIncident c) {
        if (c.otherIncidentId().equals(incidentId)) {
            throw invalid("otherIncidentId", "an incident cannot be linked to itself");
        }
        if (!links.contains(new Link(c.otherIncidentId(), c.relation()))) {
            apply(new IncidentLinked(incidentId, c.otherIncidentId(), c.relation(), c.note()));
        }
    }

    @CommandHandler
    public void handle(UnlinkIncident c) {
        List<Link> matching = links.stream()
                .filter(l -> l.otherIncidentId().equals(c.otherIncidentId()))
                .filter(l -> c.relation() == null || l.relation() == c.relation())
                .sorted((a, b) -> a.relation().compareTo(b.relation()))
                .toList();
        if (matching.isEmpty()) {
            throw notFound("otherIncidentId", "incident " + incidentId + " has no such link to " + c.otherIncidentId());
        }
        matching.forEach(l -> apply(new IncidentUnlinked(incidentId, l.otherIncidentId(), l.relation())));
    }

    // ---- state ------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(IncidentDeclared e) {
        incidentId = e.incidentId();
        startedAt = e.startedAt();
        declaration = e;
    }

    @EventSourcingHandler
    void on(IncidentDetailsRevised e) {
        IncidentDeclared d = declaration;
        declaration = new IncidentDeclared(incidentId, or(e.title(), d.title()), or(e.organization(), d.organization()),
                or(e.severity(), d.severity()), or(e.startedAt(), d.startedAt()),
                or(e.startPrecision(), d.startPrecision()), or(e.summary(), d.summary()),
                or(e.affectedServices(), d.affectedServices()), or(e.sources(), d.sources()));
        startedAt = declaration.startedAt();
    }

    @EventSourcingHandler
    void on(TimelineEntryRecorded e) {
        entriesAsRecorded.put(e.entryId(), e);
        entryContent.put(e.entryId(), new EntryContent(e.at(), e.precision(), e.kind(), e.text(), e.source(), e.confidence()));
    }

    @EventSourcingHandler
    void on(TimelineEntryCorrected e) {
        entryContent.put(e.entryId(), new EntryContent(e.at(), e.precision(), e.kind(), e.text(), e.source(), e.confidence()));
    }

    @EventSourcingHandler
    void on(TimelineEntryRetracted e) {
        retractedEntries.add(e.entryId());
    }

    @EventSourcingHandler
    void on(StatementPublished e) {
        statements.put(e.statementId(), e);
    }

    @EventSourcingHandler
    void on(RootCauseIdentified e) {
        rootCausesAsIdentified.put(e.rootCauseId(), e);
    }

    @EventSourcingHandler
    void on(RootCauseRevised e) {
        rootCausesAsRevised.put(e.rootCauseId(), e);
    }

    @EventSourcingHandler
    void on(RootCauseRuledOut e) {
        retractedRootCauses.add(e.rootCauseId());
    }

    @EventSourcingHandler
    void on(ContributingFactorAdded e) {
        factors.put(e.factorId(), e);
    }

    @EventSourcingHandler
    void on(ImpactAssessed e) {
        impact = e;
    }

    @EventSourcingHandler
    void on(RemediationProposed e) {
        remediations.put(e.actionId(), e);
        remediationStatus.put(e.actionId(), RemediationStatus.PROPOSED);
    }

    @EventSourcingHandler
    void on(RemediationStatusChanged e) {
        remediationStatus.put(e.actionId(), e.to());
    }

    @EventSourcingHandler
    void on(IncidentResolved e) {
        resolution = e;
    }

    @EventSourcingHandler
    void on(IncidentLinked e) {
        links.add(new Link(e.otherIncidentId(), e.relation()));
    }

    @EventSourcingHandler
    void on(IncidentUnlinked e) {
        links.remove(new Link(e.otherIncidentId(), e.relation()));
    }

    // ---- rules shared by several commands ----------------------------------------------------

    /**
     * Applies the creating event of a fact with a client-supplied id: once. A retry with the same
     * content is a no-op; the same id with other content is a conflict.
     */
    private <E> void applyOnce(Map<String, E> recorded, String field, String id, E event, String what) {
        E existing = recorded.get(id);
        if (existing == null) {
            apply(event);
        } else if (!existing.equals(event)) {
            throw conflict(field, "a " + what + " with id " + id + " already exists with different content");
        }
    }

    private void requireEntry(String entryId) {
        if (!entriesAsRecorded.containsKey(entryId)) {
            throw notFound("entryId", "no timeline entry " + entryId + " in incident " + incidentId);
        }
    }

    private void requireRootCause(String rootCauseId) {
        if (!rootCausesAsIdentified.containsKey(rootCauseId)) {
            throw notFound("rootCauseId", "no root cause " + rootCauseId + " in incident " + incidentId);
        }
    }

    private boolean sameRootCauseContent(RootCauseRevised r) {
        RootCauseRevised last = rootCausesAsRevised.get(r.rootCauseId());
        if (last != null) {
            return last.equals(new RootCauseRevised(incidentId, r.rootCauseId(), r.summary(), r.labels(),
                    r.identifiedAt(), r.source(), r.confidence(), last.reason()));
        }
        RootCauseIdentified first = rootCausesAsIdentified.get(r.rootCauseId());
        return first.equals(new RootCauseIdentified(incidentId, r.rootCauseId(), r.summary(), r.labels(),
                r.identifiedAt(), r.source(), r.confidence()));
    }

    private Instant currentIdentifiedAt(String rootCauseId) {
        RootCauseRevised revised = rootCausesAsRevised.get(rootCauseId);
        return revised != null ? revised.identifiedAt() : rootCausesAsIdentified.get(rootCauseId).identifiedAt();
    }

    private static List<String> checkLabels(List<String> labels) {
        Taxonomy taxonomy = Taxonomy.current();
        // a renamed or merged label is recorded under the name it goes by now
        List<String> given = listOrEmpty(labels).stream().map(taxonomy::canonical).toList();
        List<String> result = given.stream().distinct().toList();
        List<CommandRejected.FieldProblem> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!taxonomy.contains(given.get(i)) && given.indexOf(given.get(i)) == i) {
                unknown.add(new CommandRejected.FieldProblem("labels[" + i + "]", "unknown label " + given.get(i)
                        + "; the labels are listed at GET /api/taxonomy"));
            }
        }
        if (!unknown.isEmpty()) {
            throw CommandRejected.invalid(unknown.size() + " unknown label(s): " + unknown.stream()
                    .map(u -> u.message().substring("unknown label ".length(), u.message().indexOf(';')))
                    .collect(java.util.stream.Collectors.joining(", ")) + "; see GET /api/taxonomy", unknown);
        }
        return result;
    }

    private static TimePrecision precision(TimePrecision p) {
        return p == null ? TimePrecision.EXACT : p;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The new value if it differs from the current one, else null ("unchanged"). */
    private static <T> T changed(T proposed, T current) {
        return proposed == null || proposed.equals(current) ? null : proposed;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
