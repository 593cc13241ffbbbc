package dev.faultline.api.command;

/**
 * The one vocabulary of the API: a command's Java field as clients and documents name it. A fact's
 * own id is {@code id} in request bodies, responses and documents (commands say {@code entryId},
 * {@code rootCauseId}, … because one command carries two ids); a link's other incident is
 * {@code incidentId}. In a path the fact's id keeps its template name ({@code /timeline/{entryId}}).
 */
public final class FieldNames {

    private FieldNames() {
    }

    /**
     * The public name of a command field, as a JSON pointer when the value came in a body
     * ({@code inBody}), or as the path parameter's name when it came in the path.
     */
    public static String of(String commandField, boolean inBody) {
        if (!inBody) {
            return commandField;
        }
        return "/" + (isId(commandField) ? "id" : commandField.equals("otherIncidentId") ? "incidentId" : commandField);
    }

    /** Whether a command field is the id of the incident or of one of its facts. */
    public static boolean isId(String commandField) {
        return switch (commandField) {
            case "incidentId", "entryId", "statementId", "rootCauseId", "factorId", "actionId" -> true;
            default -> false;
        };
    }
}
