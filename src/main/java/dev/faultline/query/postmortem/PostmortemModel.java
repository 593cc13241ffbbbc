package dev.faultline.query.postmortem;

import dev.faultline.api.value.RootCauseStatus;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.value.ImpactFigure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The export model: everything a postmortem template can read, and nothing else. Plain maps,
 * lists and strings (no application objects), every user-supplied string already Markdown-escaped
 * by {@link MarkdownText}, times written to their known precision. Documented in docs/postmortems.md.
 */
public final class PostmortemModel {

    /** Which template and which moment of knowledge a rendering comes from. */
    public record RenderInfo(String template, int templateVersion, long incidentVersion, Instant knownAt) {
    }

    private PostmortemModel() {
    }

    /**
     * A model with one of everything (a retracted and a current entry, a standing and a ruled-out
     * cause, ...), for test-rendering custom templates so every loop body and name gets checked.
     */
    public static Map<String, Object> sample() {
        Instant t = Instant.parse("2025-01-01T10:00:00Z");
        var c = dev.faultline.api.value.Confidence.CONFIRMED;
        IncidentView view = new IncidentView("sample-incident", 9, "Sample outage", "Example Corp",
                dev.faultline.api.value.Severity.SEV1, dev.faultline.api.value.IncidentStatus.RESOLVED, t,
                dev.faultline.api.value.TimePrecision.MINUTE, "What happened.", List.of("API"), List.of("https://example.com/postmortem"),
                List.of(new IncidentView.TimelineEntry("a", t, dev.faultline.api.value.TimePrecision.MINUTE,
                                dev.faultline.api.value.EntryKind.DETECTION, "Alert fired", "https://example.com/a", c, t, List.of(), null),
                        new IncidentView.TimelineEntry("b", t.plusSeconds(60), dev.faultline.api.value.TimePrecision.MINUTE,
                                dev.faultline.api.value.EntryKind.HYPOTHESIS, "Suspected an attack", null,
                                dev.faultline.api.value.Confidence.UNVERIFIED, t, List.of(),
                                new IncidentView.Retraction(t, "wrong"))),
                List.of(new IncidentView.Statement("s", "A. Person", "CTO", t, dev.faultline.api.value.TimePrecision.MINUTE,
                        dev.faultline.api.value.StatementChannel.BLOG, "We are sorry.", "https://example.com/s", c)),
                List.of(new IncidentView.RootCause("r", "A latent bug", List.of("defect:latent-bug"), t, null, c, RootCauseStatus.STANDING, null, 0),
                        new IncidentView.RootCause("h", "An attack", List.of(), t, null, c, RootCauseStatus.RULED_OUT,
                                new IncidentView.RuledOut(t, t, "traffic was legitimate"), 0)),
                List.of(new IncidentView.ContributingFactor("f", "No staged rollout", List.of("spread:no-staged-rollout"), null, c)),
                new IncidentView.Impact("Errors for everyone", List.of("API"),
                        List.of(new dev.faultline.api.value.ImpactFigure("error rate", "50%")), null, c),
                List.of(new IncidentView.Remediation("x", "Validate config", dev.faultline.api.value.RemediationType.PREVENT,
                        "Platform team", java.time.LocalDate.parse("2025-02-01"), dev.faultline.api.value.RemediationStatus.DONE,
                        null, c, t, List.of())),
                new IncidentView.Resolution(t.plusSeconds(3600), dev.faultline.api.value.TimePrecision.MINUTE, "Rolled back", null, c),
                List.of(new IncidentView.Link("other-incident", dev.faultline.api.value.LinkRelation.values()[0], "same cause")),
                new IncidentView.Derived(t, t, t, java.time.Duration.ZERO, java.time.Duration.ZERO,
                        java.time.Duration.ofHours(1), java.time.Duration.ofHours(1)),
                null, t, t);
        return of(view, Map.of("other-incident", "Another outage"), new RenderInfo("sample", 1, 9, t));
    }

    /** The model of a postmortem not yet written: every section empty, for blank templates. */
    public static Map<String, Object> blank(RenderInfo render) {
        IncidentView view = new IncidentView("new-incident", 0, "Untitled incident", "Your organization",
                dev.faultline.api.value.Severity.SEV2, dev.faultline.api.value.IncidentStatus.ONGOING,
                Instant.EPOCH, dev.faultline.api.value.TimePrecision.DAY, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, List.of(), null, List.of(), null, null, null, null);
        Map<String, Object> model = of(view, Map.of(), render);
        @SuppressWarnings("unchecked")
        Map<String, Object> incident = (Map<String, Object>) model.get("incident");
        incident.put("startedAt", "YYYY-MM-DD HH:MM UTC");
        incident.put("date", "YYYY-MM-DD");
        return model;
    }

    /**
     * @param related titles of linked incidents by id (missing ones are shown by id only)
     */
    public static Map<String, Object> of(IncidentView view, Map<String, String> related, RenderInfo render) {
        Map<String, Object> model = new LinkedHashMap<>();
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", MarkdownText.escape(view.id()));
        incident.put("title", MarkdownText.escape(view.title()));
        incident.put("organization", MarkdownText.escape(view.organization()));
        incident.put("severity", view.severity().name());
        incident.put("status", view.status().name());
        incident.put("statusLabel", label(view.status().name()));
        incident.put("startedAt", MarkdownText.time(view.startedAt(), view.startPrecision()));
        incident.put("date", MarkdownText.time(view.startedAt(), dev.faultline.api.value.TimePrecision.DAY));
        incident.put("summary", MarkdownText.escape(view.summary()));
        incident.put("affectedServices", escapeAll(view.affectedServices()));
        incident.put("sources", links(view.sources()));
        model.put("incident", incident);

        List<Map<String, Object>> timeline = new ArrayList<>();
        for (IncidentView.TimelineEntry entry : view.timeline()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", MarkdownText.time(entry.at(), entry.precision()));
            e.put("kind", entry.kind().name());
            e.put("kindLabel", label(entry.kind().name()));
            e.put("text", MarkdownText.escape(entry.text()));
            e.put("confidence", confidence(entry.confidence()));
            e.put("unconfirmed", entry.confidence() != null && entry.confidence() != dev.faultline.api.value.Confidence.CONFIRMED);
            e.put("source", MarkdownText.link(entry.source()));
            e.put("retracted", entry.retracted() != null);
            e.put("retractionReason", entry.retracted() == null ? "" : MarkdownText.escape(entry.retracted().reason()));
            e.put("corrected", !entry.corrections().isEmpty());
            timeline.add(e);
        }
        model.put("timeline", timeline);
        model.put("currentTimeline", timeline.stream().filter(e -> !(Boolean) e.get("retracted")).toList());
        model.put("retractedTimeline", timeline.stream().filter(e -> (Boolean) e.get("retracted")).toList());
        model.put("detection", byKind(timeline, "DETECTION"));
        model.put("triggers", byKind(timeline, "TRIGGER"));
        model.put("mitigations", byKind(timeline, "MITIGATION", "RECOVERY"));
        model.put("communications", byKind(timeline, "COMMUNICATION"));
        model.put("hypotheses", byKind(timeline, "HYPOTHESIS", "ESCALATION"));

        List<Map<String, Object>> statements = new ArrayList<>();
        Set<String> responders = new LinkedHashSet<>();
        for (IncidentView.Statement s : view.statements()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("speaker", MarkdownText.escape(s.speaker()));
            st.put("role", MarkdownText.escape(s.role()));
            st.put("channel", s.channel() == null ? "" : s.channel() == dev.faultline.api.value.StatementChannel.X ? "X"
                    : label(s.channel().name()));
            st.put("time", MarkdownText.time(s.publishedAt(), s.precision()));
            st.put("quote", MarkdownText.escape(s.quote()));
            st.put("confidence", confidence(s.confidence()));
            st.put("source", MarkdownText.link(s.source()));
            statements.add(st);
            responders.add(MarkdownText.escape(s.speaker()) + (s.role() == null ? "" : " (" + MarkdownText.escape(s.role()) + ")"));
        }
        model.put("statements", statements);

        List<Map<String, Object>> causes = new ArrayList<>();
        for (IncidentView.RootCause c : view.rootCauses()) {
            Map<String, Object> cause = new LinkedHashMap<>();
            cause.put("summary", MarkdownText.escape(c.summary()));
            cause.put("labels", escapeAll(c.labels()));
            cause.put("labelList", String.join(", ", escapeAll(c.labels())));
            cause.put("standing", c.ruledOut() == null);
            cause.put("ruledOutReason", c.ruledOut() == null ? "" : MarkdownText.escape(c.ruledOut().reason()));
            cause.put("ruledOutAt", c.ruledOut() == null ? "" : MarkdownText.time(c.ruledOut().at(), null));
            cause.put("confidence", confidence(c.confidence()));
            cause.put("source", MarkdownText.link(c.source()));
            causes.add(cause);
        }
        model.put("rootCauses", causes.stream().filter(c -> (Boolean) c.get("standing")).toList());
        model.put("ruledOutCauses", causes.stream().filter(c -> !(Boolean) c.get("standing")).toList());
        model.put("triggerLabels", labelsOf(view, "trigger:"));

        model.put("contributingFactors", view.contributingFactors().stream().map(f -> {
            Map<String, Object> factor = new LinkedHashMap<>();
            factor.put("text", MarkdownText.escape(f.text()));
            factor.put("labelList", String.join(", ", escapeAll(f.labels())));
            factor.put("confidence", confidence(f.confidence()));
            factor.put("source", MarkdownText.link(f.source()));
            return factor;
        }).toList());

        Map<String, Object> impact = new LinkedHashMap<>();
        IncidentView.Impact i = view.impact();
        impact.put("recorded", i != null);
        impact.put("description", i == null ? "" : MarkdownText.escape(i.description()));
        List<Map<String, Object>> figures = new ArrayList<>();
        if (i != null) {
            for (ImpactFigure figure : i.figures()) {
                figures.add(Map.of("name", MarkdownText.escape(figure.name()), "value", MarkdownText.escape(figure.value())));
            }
        }
        impact.put("figures", figures);
        Set<String> services = new LinkedHashSet<>(view.affectedServices());
        if (i != null) {
            services.addAll(i.affectedServices());
        }
        impact.put("services", escapeAll(List.copyOf(services)));
        impact.put("serviceList", String.join(", ", escapeAll(List.copyOf(services))));
        impact.put("confidence", i == null ? "" : confidence(i.confidence()));
        impact.put("source", i == null ? "" : MarkdownText.link(i.source()));
        model.put("impact", impact);

        List<Map<String, Object>> actions = new ArrayList<>();
        for (IncidentView.Remediation r : view.remediations()) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("description", MarkdownText.escape(r.description()));
            action.put("type", r.type() == null ? "" : label(r.type().name()));
            action.put("owner", r.owner() == null ? "" : MarkdownText.escape(r.owner()));
            action.put("status", label(r.status().name()));
            action.put("dueDate", r.dueDate() == null ? "" : r.dueDate().toString());
            action.put("source", MarkdownText.link(r.source()));
            actions.add(action);
            if (r.owner() != null) {
                responders.add(MarkdownText.escape(r.owner()));
            }
        }
        model.put("actions", actions);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (IncidentView.Remediation r : view.remediations()) {
            byStatus.merge(label(r.status().name()), 1L, Long::sum);
        }
        List<String> counts = new ArrayList<>();
        byStatus.forEach((status, count) -> counts.add(count + " " + status));
        model.put("actionSummary", counts.isEmpty() ? "no action items recorded" : "action items: " + String.join(", ", counts));
        model.put("responders", List.copyOf(responders));

        Map<String, Object> resolution = new LinkedHashMap<>();
        resolution.put("recorded", view.resolution() != null);
        resolution.put("time", view.resolution() == null ? ""
                : view.resolution().resolvedAt() == null ? "an unrecorded time"
                : MarkdownText.time(view.resolution().resolvedAt(), view.resolution().precision()));
        resolution.put("how", view.resolution() == null ? "" : MarkdownText.escape(view.resolution().how()));
        model.put("resolution", resolution);

        Map<String, Object> derived = new LinkedHashMap<>();
        IncidentView.Derived d = view.derived();
        derived.put("detectedAt", d == null ? "" : MarkdownText.time(d.detectedAt(), null));
        derived.put("mitigatedAt", d == null ? "" : MarkdownText.time(d.mitigatedAt(), null));
        derived.put("timeToDetect", d == null ? "" : MarkdownText.duration(d.timeToDetect()));
        derived.put("timeToMitigate", d == null ? "" : MarkdownText.duration(d.timeToMitigate()));
        derived.put("timeToResolve", d == null ? "" : MarkdownText.duration(d.timeToResolve()));
        derived.put("duration", d == null ? "" : MarkdownText.duration(d.duration()));
        model.put("derived", derived);

        model.put("related", view.links().stream().map(l -> {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", MarkdownText.escape(l.incidentId()));
            link.put("title", MarkdownText.escape(related.getOrDefault(l.incidentId(), "")));
            link.put("relation", label(l.relation().name()));
            link.put("note", MarkdownText.escape(l.note()));
            return link;
        }).toList());

        // five whys, as far as the record goes: what failed, then why it could
        List<String> whys = new ArrayList<>();
        for (IncidentView.RootCause c : view.rootCauses()) {
            if (c.ruledOut() == null) {
                whys.add(MarkdownText.escape(c.summary()));
            }
        }
        for (IncidentView.ContributingFactor f : view.contributingFactors()) {
            whys.add(MarkdownText.escape(f.text()));
        }
        model.put("fiveWhys", whys.size() > 5 ? List.copyOf(whys.subList(0, 5)) : List.copyOf(whys));

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("template", render.template());
        info.put("templateVersion", render.templateVersion());
        info.put("incidentVersion", render.incidentVersion());
        info.put("knownAt", render.knownAt() == null ? "" : render.knownAt().toString());
        model.put("render", info);
        return model;
    }

    private static List<Map<String, Object>> byKind(List<Map<String, Object>> timeline, String... kinds) {
        List<String> wanted = List.of(kinds);
        return timeline.stream().filter(e -> !(Boolean) e.get("retracted") && wanted.contains(e.get("kind"))).toList();
    }

    private static List<String> labelsOf(IncidentView view, String prefix) {
        Set<String> labels = new LinkedHashSet<>();
        view.rootCauses().stream().filter(c -> c.ruledOut() == null)
                .forEach(c -> c.labels().stream().filter(l -> l.startsWith(prefix)).forEach(labels::add));
        return escapeAll(List.copyOf(labels));
    }

    private static List<String> escapeAll(List<String> values) {
        return values == null ? List.of() : values.stream().map(MarkdownText::escape).toList();
    }

    private static List<String> links(List<String> urls) {
        return urls == null ? List.of() : urls.stream().map(MarkdownText::link).filter(s -> !s.isEmpty()).toList();
    }

    private static String confidence(dev.faultline.api.value.Confidence confidence) {
        return confidence == null ? "" : label(confidence.name());
    }

    /** {@code STATUS_PAGE} → {@code status page}. */
    static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
