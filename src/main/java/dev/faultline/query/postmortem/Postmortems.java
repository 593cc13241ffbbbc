package dev.faultline.query.postmortem;

import dev.faultline.api.query.IncidentView;
import dev.faultline.query.detail.IncidentDetails;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders an incident as a postmortem: fold it as known at a moment, build the export model,
 * run the template in the sandbox, append the provenance line, convert to the format. The result
 * names the incident version, knowledge time and template version, and carries its SHA-256.
 */
@ApplicationScoped
public class Postmortems {

    /** A rendered document and what it was rendered from. */
    public record Rendered(byte[] content, PostmortemFormat format, String fileName, String sha256,
                           String template, int templateVersion, long incidentVersion, Instant knownAt) {
    }

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final IncidentDetails details;

    Postmortems(IncidentDetails details) {
        this.details = details;
    }

    /**
     * Empty when there is no such incident or nothing of it was known at {@code knownAt}.
     * Without {@code knownAt} the document is stamped with the time the last fact was recorded,
     * so asking again for that moment gives the same bytes.
     */
    public Optional<Rendered> render(String incidentId, PostmortemTemplates.PostmortemTemplate template,
                                     PostmortemFormat format, Instant knownAt) {
        return details.find(incidentId, null, knownAt).map(view -> render(view, template, format, knownAt));
    }

    public Rendered render(IncidentView view, PostmortemTemplates.PostmortemTemplate template, PostmortemFormat format,
                           Instant knownAt) {
        Instant asOf = knownAt != null ? knownAt : view.lastRecordedAt();
        PostmortemModel.RenderInfo info = new PostmortemModel.RenderInfo(template.name(), template.version(),
                view.version(), asOf);
        Map<String, String> related = new LinkedHashMap<>();
        for (IncidentView.Link link : view.links()) {
            details.find(link.incidentId(), null, knownAt).ifPresent(other -> related.put(link.incidentId(), other.title()));
        }
        String markdown = output(template, TemplateSandbox.render(template.template(), PostmortemModel.of(view, related, info)))
                + provenance(view.id(), info);
        byte[] content = PostmortemRenderer.render(format, markdown, view.title(), info, view.id());
        String fileName = view.id() + "-" + template.name()
                + (knownAt == null ? "" : "-known-" + FILE_TIME.format(knownAt)) + "." + format.extension();
        return new Rendered(content, format, fileName, PostmortemRenderer.sha256Hex(content), template.name(),
                template.version(), view.version(), asOf);
    }

    /** A template filled with nothing: headings and "nothing recorded" everywhere, for a new postmortem. */
    public Rendered blank(PostmortemTemplates.PostmortemTemplate template, PostmortemFormat format) {
        PostmortemModel.RenderInfo info = new PostmortemModel.RenderInfo(template.name(), template.version(), 0, null);
        String markdown = output(template, TemplateSandbox.render(template.template(), PostmortemModel.blank(info)));
        byte[] content = PostmortemRenderer.render(format, markdown, "Postmortem template " + template.name(), info, null);
        return new Rendered(content, format, template.name() + "-blank." + format.extension(),
                PostmortemRenderer.sha256Hex(content), template.name(), template.version(), 0, null);
    }

    /** A custom template's output is sanitised ({@link MarkdownSanitizer}); a built-in's is safe by construction. */
    private static String output(PostmortemTemplates.PostmortemTemplate template, String markdown) {
        return template.builtIn() ? markdown : MarkdownSanitizer.clean(markdown);
    }

    private static String provenance(String incidentId, PostmortemModel.RenderInfo info) {
        return "\n---\n\n_Rendered by Faultline from incident `" + incidentId + "` version " + info.incidentVersion()
                + " as known at " + info.knownAt() + ", template " + info.template() + " version "
                + info.templateVersion() + "._\n";
    }
}
