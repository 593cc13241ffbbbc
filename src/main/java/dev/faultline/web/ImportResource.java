package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.importer.DocumentImporter;
import dev.faultline.security.Caller;
import dev.faultline.importer.DocumentReader;
import dev.faultline.importer.DocumentReader.Format;
import dev.faultline.importer.ImportOutcome;
import dev.faultline.importer.ImportRun;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/import}: incident documents as YAML, JSON (one or an array) or NDJSON (a
 * stream, for bulk). Each document is created, updated (only its differences become events),
 * left unchanged, or failed with every problem — and then none of it is stored. Other documents
 * of the same request still import.
 */
@Path("/api/import")
@Tag(name = "Import and export")
@RolesAllowed(Role.READ)
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final DocumentImporter importer;
    private final Caller caller;

    ImportResource(DocumentImporter importer, Caller caller) {
        this.importer = importer;
        this.caller = caller;
    }

    /** The response: a count per result and every document's outcome, in input order. */
    public record ImportReport(Map<ImportOutcome.Result, Integer> summary, List<ImportOutcome> documents) {
    }

    /** The answer when every document failed: a problem (RFC 9457) whose extension members are the report. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ImportProblem(String type, String title, int status, String detail,
                                Map<ImportOutcome.Result, Integer> summary, List<ImportOutcome> documents) {
    }

    @POST

    @RolesAllowed(Role.EDIT)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import incident documents", description = """
            YAML (one document, several separated by ---, or a list), JSON (an object or an array) or NDJSON
            (one document per line). Documents look like GET /api/incidents/{id} without derived fields; see
            docs/import.md and seed-incidents/schema.json. Each document's outcome in input order: 200 when
            every document was stored or unchanged, 207 when some failed (the others were stored), 422 when
            all failed (nothing was stored); 400 only when the body as a whole cannot be parsed.""")
    public Response importDocuments(InputStream body, @Context HttpHeaders headers) {
        Format format = format(headers.getMediaType());
        String correlation = headers.getHeaderString(IncidentWriter.CORRELATION_HEADER);
        List<ImportOutcome> outcomes;
        try {
            outcomes = ImportRun.run(body, format, importer, caller.actor(), "import", correlation);
        } catch (DocumentReader.MalformedInput e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST,
                    "the body is not valid " + format.name() + ": " + e.getMessage(), null));
        }
        Map<ImportOutcome.Result, Integer> summary = new EnumMap<>(ImportOutcome.Result.class);
        outcomes.forEach(o -> summary.merge(o.result(), 1, Integer::sum));
        int failed = summary.getOrDefault(ImportOutcome.Result.failed, 0);
        // all failed: nothing was stored, 422; some failed: 207, each document's own result in the body
        if (failed > 0 && failed == outcomes.size()) {
            return Response.status(422).type(Problem.MEDIA_TYPE).entity(new ImportProblem("about:blank",
                    "Unprocessable Content", 422, "no document was imported: " + failed + " failed; each document's "
                    + "errors are in documents[].errors", summary, outcomes)).build();
        }
        return Response.status(failed == 0 ? 200 : 207).entity(new ImportReport(summary, outcomes)).build();
    }

    private static Format format(MediaType type) {
        String subtype = type == null ? "" : type.getSubtype();
        if (subtype.contains("ndjson")) {
            return Format.NDJSON;
        }
        return subtype.contains("yaml") ? Format.YAML : Format.JSON;
    }
}
