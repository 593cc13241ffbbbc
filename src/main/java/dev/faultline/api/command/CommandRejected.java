package dev.faultline.api.command;

/**
 * A command broke one of the Incident's rules. Nothing was recorded. {@link #reason()} tells the
 * caller what kind of problem it is (the web layer maps it to 400, 404 or 409); {@link #field()}
 * names the offending field when there is one.
 */
public class CommandRejected extends RuntimeException {

    public enum Reason { INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;
    private final String field;
    private final int step;
    private final java.util.List<FieldProblem> problems;

    /** One offending field of a rejection that names several. */
    public record FieldProblem(String field, String message) {
    }

    public CommandRejected(Reason reason, String field, String message) {
        this(reason, field, message, -1, java.util.List.of());
    }

    private CommandRejected(Reason reason, String field, String message, int step, java.util.List<FieldProblem> problems) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
        this.step = step;
        this.problems = problems;
    }

    /** The same rejection, attributed to command {@code step} of an {@link ApplyIncidentDocument}. */
    public CommandRejected atStep(int step) {
        return new CommandRejected(reason, field, getMessage(), step, problems);
    }

    /** Invalid input in several fields, each named; {@link #field()} is the first. */
    public static CommandRejected invalid(String message, java.util.List<FieldProblem> problems) {
        return new CommandRejected(Reason.INVALID, problems.get(0).field(), message, -1, java.util.List.copyOf(problems));
    }

    /** Every offending field when there are several, else empty (then {@link #field()} names the one). */
    public java.util.List<FieldProblem> problems() {
        return problems;
    }

    /** Which command of an {@link ApplyIncidentDocument} was rejected, or -1. */
    public int step() {
        return step;
    }

    public static CommandRejected invalid(String field, String message) {
        return new CommandRejected(Reason.INVALID, field, message);
    }

    public static CommandRejected notFound(String field, String message) {
        return new CommandRejected(Reason.NOT_FOUND, field, message);
    }

    public static CommandRejected conflict(String field, String message) {
        return new CommandRejected(Reason.CONFLICT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
