package dev.faultline.query.postmortem;

import dev.faultline.api.command.UploadTemplate;
import dev.faultline.api.event.TemplateDeleted;
import dev.faultline.api.event.TemplateUploaded;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The postmortem templates: three built in (Google SRE, Atlassian, PagerDuty; version 1, from the
 * jar) and the custom ones, whose versions are events ({@code PostmortemTemplate} aggregate) read
 * back here. Parsed templates are cached by name and version.
 */
@ApplicationScoped
public class PostmortemTemplates {

    /** A template ready to render: name, version, whether built in, its source and parsed form. */
    public record PostmortemTemplate(String name, int version, boolean builtIn, String description, String source,
                                     Template template) {

        /** The {@code ##} and {@code ###} headings of the source, in order. */
        public List<String> sections() {
            List<String> headings = new ArrayList<>();
            for (String line : source.split("\n")) {
                if (line.startsWith("## ")) {
                    headings.add(line.substring(3).strip());
                } else if (line.startsWith("### ")) {
                    headings.add("  " + line.substring(4).strip());
                }
            }
            return headings;
        }
    }

    public static final Map<String, String> BUILT_IN = builtInDescriptions();

    private final Map<String, PostmortemTemplate> builtIn = new LinkedHashMap<>();
    private final Map<String, PostmortemTemplate> parsed = new ConcurrentHashMap<>();
    private final EventStore eventStore;
    private final AgroalDataSource dataSource;

    PostmortemTemplates(EventStore eventStore, AgroalDataSource dataSource) {
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        BUILT_IN.forEach((name, description) -> {
            String source = resource("/postmortem/templates/" + name + ".md");
            builtIn.put(name, new PostmortemTemplate(name, 1, true, description, source, TemplateSandbox.parse(source)));
        });
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    /** The template's current version, if it exists (and, for a custom one, is not deleted). */
    public Optional<PostmortemTemplate> find(String name) {
        PostmortemTemplate template = builtIn.get(name);
        if (template != null) {
            return Optional.of(template);
        }
        return current(name).map(uploaded -> parsed.compute(name, (key, cached) ->
                cached != null && cached.version() == uploaded.version() ? cached
                        : new PostmortemTemplate(name, uploaded.version(), false, "custom template", uploaded.source(),
                        TemplateSandbox.parse(uploaded.source()))));
    }

    /** Built-in templates first, then custom ones by name. */
    public List<PostmortemTemplate> list() {
        List<PostmortemTemplate> all = new ArrayList<>(builtIn.values());
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT DISTINCT aggregateidentifier FROM domainevententry
                      WHERE type = 'PostmortemTemplate' ORDER BY aggregateidentifier""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1).substring("template:".length()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list templates", e);
        }
        for (String name : names) {
            find(name).ifPresent(all::add);
        }
        return all;
    }

    /** The last uploaded version, unless it was deleted after. */
    private Optional<TemplateUploaded> current(String name) {
        DomainEventStream stream = eventStore.readEvents(UploadTemplate.idOf(name));
        TemplateUploaded last = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getPayload() instanceof TemplateUploaded uploaded) {
                last = uploaded;
            } else if (message.getPayload() instanceof TemplateDeleted) {
                last = null;
            }
        }
        return Optional.ofNullable(last);
    }

    private static Map<String, String> builtInDescriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("google-sre", "Google SRE book, example postmortem: summary, impact, root causes, trigger, "
                + "resolution, detection, action items, lessons learned, timeline, supporting information");
        descriptions.put("atlassian", "Atlassian incident postmortem: leadup, fault, impact, detection, response, "
                + "recovery, timeline, five whys, root cause, related records, lessons learned, corrective actions");
        descriptions.put("pagerduty", "PagerDuty postmortem: overview, what happened, contributing factors, resolution, "
                + "impact, responders, timeline, how'd we do, action items, messaging");
        return java.util.Collections.unmodifiableMap(descriptions);
    }

    private static String resource(String path) {
        try (InputStream in = PostmortemTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
