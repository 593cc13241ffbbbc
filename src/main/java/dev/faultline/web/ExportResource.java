package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.faultline.importer.DocumentReader;
import dev.faultline.query.document.IncidentDocuments;
import dev.faultline.web.problem.InvalidParameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/export/incidents}: the whole knowledge base as incident documents, streamed —
 * NDJSON (one document per line, the default) or a zip of YAML files ({@code ?format=zip} or
 * {@code Accept: application/zip}). Importing the export into an empty instance reproduces the
 * same incidents.
 */
@Path("/api/export/incidents")
@Tag(name = "Import and export")
@RolesAllowed(Role.READ)
public class ExportResource {

    private static final ObjectWriter NDJSON = DocumentReader.json().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectWriter YAML = DocumentReader.yaml().writer();

    private final IncidentDocuments documents;
    private final RenderAdmission admission;

    ExportResource(IncidentDocuments documents, RenderAdmission admission) {
        this.admission = admission;
        this.documents = documents;
    }

    @GET
    @Operation(summary = "Export every incident as documents", description = "?format=ndjson (default) or zip (YAML files).")
    public Response export(@QueryParam("format") String format, @Context HttpHeaders headers,
                           @Context io.vertx.ext.web.RoutingContext request) {
        boolean zip = "zip".equalsIgnoreCase(format) || format == null
                && headers.getAcceptableMediaTypes().stream().anyMatch(m -> "zip".equals(m.getSubtype()));
        if (format != null && !zip && !"ndjson".equalsIgnoreCase(format)) {
            throw new InvalidParameter("format", "must be ndjson or zip");
        }
        admission.bulk(request);
        if (zip) {
            return Response.ok((StreamingOutput) this::writeZip, "application/zip")
                    .header("Content-Disposition", "attachment; filename=\"faultline-incidents.zip\"").build();
        }
        return Response.ok((StreamingOutput) this::writeNdjson, ImportResource.NDJSON)
                .header("Content-Disposition", "attachment; filename=\"faultline-incidents.ndjson\"").build();
    }

    private void writeNdjson(OutputStream out) {
        documents.forEach(doc -> {
            try {
                NDJSON.writeValue(out, doc);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void writeZip(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            documents.forEach(doc -> {
                try {
                    zip.putNextEntry(new ZipEntry(doc.id() + ".yaml"));
                    zip.write(YAML.writeValueAsBytes(doc));
                    zip.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
