package dev.faultline.web;

import dev.faultline.security.Caller;
import dev.faultline.api.command.CommandOutcome;
import dev.faultline.api.command.IncidentCommand;
import dev.faultline.api.command.Recording;
import dev.faultline.query.history.IncidentEventStream;
import dev.faultline.web.problem.InvalidParameter;
import org.axonframework.modelling.command.ConcurrencyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The one way the REST layer records anything: sends a command with who/how/correlation
 * metadata, and answers with the incident's new version (ETag) and the global position of its
 * last event ({@code Faultline-Position}) so clients can ask later reads to include their write.
 */
@ApplicationScoped
public class IncidentWriter {

    public static final String POSITION_HEADER = "Faultline-Position";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern VERSION = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");
    private static final Pattern CORRELATION = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");

    /** Tries of one write that loses the append race to another node (or writer) before the 409. */
    static final int WRITE_ATTEMPTS = 6;

    private final CommandGateway commands;
    private final IncidentEventStream events;
    private final Caller caller;

    IncidentWriter(CommandGateway commands, IncidentEventStream events, Caller caller) {
        this.caller = caller;
        this.commands = commands;
        this.events = events;
    }

    /** The version an {@code If-Match} header demands, or null when absent or {@code *}. */
    public static Long expectedVersion(HttpHeaders headers) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch);
        if (!m.matches()) {
            throw new InvalidParameter("If-Match", "must be the quoted incident version from an ETag, e.g. \"3\"");
        }
        return Long.parseLong(m.group(1));
    }

    /** The request body, which every write needs. */
    public static <T> T required(T body) {
        if (body == null) {
            throw new InvalidParameter("body", "a JSON request body is required");
        }
        return body;
    }

    /** Declares an incident: 201 with Location and ETag. */
    public Response create(IncidentCommand command, HttpHeaders headers) {
        commands.sendAndWait(message(command, headers));
        long position = events.positionOf(command.incidentId(), 0);
        CommandOutcome outcome = new CommandOutcome(command.incidentId(), 0, true);
        return written(Locations.created("/api/incidents/" + command.incidentId()), outcome, position);
    }

    /**
     * Records a change to an existing incident: 200 with the outcome. When another node appended to
     * the incident first, this node's cached copy was stale: the append fails on the sequence key and
     * the copy is evicted, so the command is tried again on the incident as stored, a few times (with
     * If-Match, the retry then answers 412 if the version moved: the client asked for that one).
     */
    public Response update(IncidentCommand command, HttpHeaders headers) {
        CommandOutcome outcome;
        for (int attempt = 1; ; attempt++) {
            try {
                outcome = commands.sendAndWait(message(command, headers));
                break; // taken (whatever it answered): never sent twice
            } catch (ConcurrencyException e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
        long position = events.positionOf(outcome.incidentId(), outcome.version());
        return written(Response.ok(), outcome, position);
    }

    /** A random pause growing with the attempt (at most 5 ms per attempt), so racing nodes fall out of step. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 5 * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }

    private static Response written(Response.ResponseBuilder builder, CommandOutcome outcome, long position) {
        return builder.tag(new EntityTag(Long.toString(outcome.version())))
                .header(POSITION_HEADER, position)
                .entity(new WriteResult(outcome.incidentId(), outcome.version(), position, outcome.changed()))
                .build();
    }

    private GenericCommandMessage<IncidentCommand> message(IncidentCommand command, HttpHeaders headers) {
        String correlation = headers.getHeaderString(CORRELATION_HEADER);
        if (correlation != null && !CORRELATION.matcher(correlation).matches()) {
            throw new InvalidParameter(CORRELATION_HEADER, "must be 1-100 characters of letters, digits and ._:-");
        }
        return new GenericCommandMessage<>(command,
                org.axonframework.messaging.MetaData.from(Recording.of(caller.actor(), "api", correlation)));
    }

    /** What a write answers: the incident's version after it and its last event's position. */
    public record WriteResult(String incidentId, long version, long position, boolean changed) {
    }
}
