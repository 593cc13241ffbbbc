package dev.faultline.web;

import dev.faultline.security.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.faultline.query.history.IncidentEventStream;
import dev.faultline.query.postmortem.PostmortemFormat;
import dev.faultline.query.postmortem.PostmortemTemplates;
import dev.faultline.query.postmortem.Postmortems;
import dev.faultline.query.search.IncidentSearch;
import dev.faultline.web.problem.InvalidParameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/export/postmortems}: one postmortem per incident in a zip, streamed while it is
 * rendered — all incidents, or those a search matches.
 */
@Path("/api/export/postmortems")
@Tag(name = "Postmortems")
@RolesAllowed(Role.READ)
public class PostmortemExportResource {

    private final Postmortems postmortems;
    private final PostmortemTemplates templates;
    private final IncidentEventStream events;
    private final IncidentSearch search;
    private final RenderAdmission admission;

    PostmortemExportResource(Postmortems postmortems, PostmortemTemplates templates, IncidentEventStream events,
                             IncidentSearch search, RenderAdmission admission) {
        this.admission = admission;
        this.postmortems = postmortems;
        this.templates = templates;
        this.events = events;
        this.search = search;
    }

    @GET
    @Produces("application/zip")
    @Operation(summary = "Export postmortems as a zip", description = """
            One document per incident (template and format as for a single postmortem; format defaults to markdown),
            for every incident or, with q, those the search matches (same syntax as /api/search). Streamed: memory
            stays flat whatever the number of incidents.""")
    public Response export(@QueryParam("template") String template, @QueryParam("format") String format,
                           @QueryParam("q") String q,
                           @jakarta.ws.rs.core.Context io.vertx.ext.web.RoutingContext request) {
        PostmortemTemplates.PostmortemTemplate chosen = PostmortemResource.template(templates, template);
        PostmortemFormat chosenFormat = format == null || format.isBlank() ? PostmortemFormat.MARKDOWN
                : PostmortemFormat.parse(format).orElseThrow(() -> new InvalidParameter("format", "must be markdown, html, pdf or json"));
        List<String> matching = null;
        String text = SearchResource.text(q);
        if (text != null) {
            try {
                matching = search.matchingIds(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("q", e.getMessage());
            }
        }
        List<String> ids = matching;
        admission.bulk(request);
        StreamingOutput body = out -> write(out, ids, chosen, chosenFormat);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"faultline-postmortems-" + chosen.name() + ".zip\"")
                .header(PostmortemResponses.TEMPLATE_VERSION, chosen.version())
                .build();
    }

    private void write(OutputStream out, List<String> ids, PostmortemTemplates.PostmortemTemplate template,
                       PostmortemFormat format) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (ids != null) {
                for (String id : ids) {
                    entry(zip, id, template, format);
                }
            } else {
                try {
                    events.forEachIncidentId(id -> {
                        entry(zip, id, template, format);
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
    }

    private void entry(ZipOutputStream zip, String id, PostmortemTemplates.PostmortemTemplate template, PostmortemFormat format) {
        postmortems.render(id, template, format, null).ifPresent(rendered -> {
            try {
                ZipEntry entry = new ZipEntry(rendered.fileName());
                entry.setTime(rendered.knownAt() == null ? 0 : rendered.knownAt().toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(rendered.content());
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
