package dev.faultline.importer;

import dev.faultline.api.command.ApplyIncidentDocument;
import dev.faultline.api.command.CommandOutcome;
import dev.faultline.api.command.CommandRejected;
import dev.faultline.api.command.IncidentCommand;
import dev.faultline.api.document.IncidentDocument;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.value.Limits;
import dev.faultline.importer.DocumentCommands.Plan;
import dev.faultline.importer.DocumentCommands.Step;
import dev.faultline.importer.ImportOutcome.Problem;
import dev.faultline.api.command.Recording;
import dev.faultline.infra.validation.CommandValidation;
import dev.faultline.query.detail.IncidentDetails;
import jakarta.enterprise.context.ApplicationScoped;
import dev.faultline.failure.DatabaseUnavailable;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Imports one incident document: plans the commands that bring the stored incident to it, checks
 * them all, then sends them as one {@link ApplyIncidentDocument}, which the aggregate applies in
 * one unit of work and one database transaction: a document is stored whole or not at all. The
 * commands are the ones the REST API sends, so the events are too; they say {@code via: import}
 * (or {@code seed}).
 */
@ApplicationScoped
public class DocumentImporter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DocumentImporter.class);

    private final CommandGateway commands;
    private final IncidentDetails details;
    private final CommandValidation validation;

    DocumentImporter(CommandGateway commands, IncidentDetails details, CommandValidation validation) {
        this.commands = commands;
        this.details = details;
        this.validation = validation;
    }

    /**
     * Imports one document and always answers with its outcome: a failure of the database or of
     * the server is that document's outcome, so the documents stored before it are still reported
     * instead of hidden behind an error for the whole request.
     */
    public ImportOutcome importOrReport(int index, IncidentDocument doc, String actor, String via, String correlationId) {
        try {
            return importDocument(index, doc, actor, via, correlationId);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                return ImportOutcome.failed(index, doc.id(), List.of(new Problem("", "the database was unreachable; "
                        + "this document may or may not be stored: import it again (a stored one answers unchanged)")));
            }
            LOG.errorf(e, "importing document %d (%s) failed", index, doc.id());
            return ImportOutcome.failed(index, doc.id(), List.of(new Problem("",
                    "an unexpected server error stopped this document; it has been logged")));
        }
    }

    public ImportOutcome importDocument(int index, IncidentDocument doc, String actor, String via, String correlationId) {
        String id = doc.id();
        if (id == null || !id.matches(Limits.ID_PATTERN)) {
            return ImportOutcome.failed(index, id, List.of(new Problem("/id", "must match " + Limits.ID_PATTERN)));
        }
        Optional<IncidentView> current = details.find(id, null, null);
        Plan plan = DocumentCommands.plan(current, doc);
        List<Problem> problems = new ArrayList<>();
        plan.conflicts().forEach(c -> problems.add(new Problem(c.pointer(), c.message())));
        for (Step step : plan.steps()) {
            for (ConstraintViolation<IncidentCommand> v : validation.validate(step.command())) {
                problems.add(new Problem(pointer(step.pointer(), v.getPropertyPath()), v.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return ImportOutcome.failed(index, id, problems);
        }
        if (plan.steps().isEmpty()) {
            return new ImportOutcome(index, id, ImportOutcome.Result.unchanged, 0,
                    current.map(IncidentView::version).orElse(null), null, null, warnings(plan));
        }
        return send(index, id, plan, current.map(IncidentView::version).orElse(null), org.axonframework.messaging.MetaData.from(Recording.of(actor, via,
                correlationId)));
    }

    private ImportOutcome send(int index, String id, Plan plan, Long plannedFrom, MetaData metaData) {
        boolean creating = plannedFrom == null;
        List<IncidentCommand> steps = plan.steps().stream().map(Step::command).toList();
        try {
            CommandOutcome outcome = commands.sendAndWait(
                    new GenericCommandMessage<>(new ApplyIncidentDocument(id, steps, plannedFrom), metaData));
            // a new incident's changes are the whole document: listed only for an update
            List<ImportOutcome.Change> changes = creating ? null : plan.steps().stream()
                    .map(s -> new ImportOutcome.Change(s.pointer().isEmpty() ? "/" : s.pointer(), s.command().getClass().getSimpleName()))
                    .toList();
            return new ImportOutcome(index, id, creating ? ImportOutcome.Result.created : ImportOutcome.Result.updated,
                    plan.steps().size(), outcome.version(), null, changes, warnings(plan));
        } catch (CommandRejected e) {
            String at = e.step() >= 0 ? plan.steps().get(e.step()).pointer() : "";
            if (!e.problems().isEmpty()) {
                return ImportOutcome.failed(index, id, e.problems().stream()
                        .map(p -> new Problem(at + documentPointer(p.field()), p.message())).toList());
            }
            return ImportOutcome.failed(index, id, List.of(new Problem(at + documentPointer(e.field()), e.getMessage())));
        } catch (org.axonframework.modelling.command.ConflictingModificationException
                 | AggregateStreamCreationException e) {
            return ImportOutcome.failed(index, id, List.of(new Problem("",
                    "another write to incident " + id + " won the race; import the document again")));
        }
    }

    private static List<Problem> warnings(Plan plan) {
        return plan.kept().stream().map(k -> new Problem(k.pointer(), k.message())).toList();
    }

    private static String documentPointer(String field) {
        if (field == null || field.equals("incidentId")) {
            return "";
        }
        String path = field.replace("[", "/").replace("]", "");
        int slash = path.indexOf('/');
        String head = slash < 0 ? path : path.substring(0, slash);
        return dev.faultline.api.command.FieldNames.of(head, true) + (slash < 0 ? "" : path.substring(slash));
    }

    /** The document pointer of a violated command field, e.g. {@code /timeline/3/text}. */
    private static String pointer(String stepPointer, Path path) {
        StringBuilder pointer = new StringBuilder(stepPointer);
        for (Path.Node node : path) {
            if (node.getName() != null && !node.getName().startsWith("<")) {
                // a fact's incident id is the document's own: named only on the document itself
                if (!node.getName().equals("incidentId") || stepPointer.isEmpty()) {
                    pointer.append(dev.faultline.api.command.FieldNames.of(node.getName(), true));
                }
            }
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
        }
        return pointer.toString();
    }
}
