package dev.faultline.query.postmortem;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import java.util.Map;

/**
 * The Qute engine postmortem templates run in: a standalone engine with the default value
 * resolvers only (maps, lists, strings, numbers, booleans, loops and conditions) — no reflection,
 * no CDI namespaces ({@code inject:}, {@code cdi:}), no includes, no template locators. Since the
 * export model is made only of maps, lists and strings, a template can read the model and
 * nothing else. Rendering is strict: a name the model does not have is an error, not a blank.
 */
public final class TemplateSandbox {

    /** A template that does not parse or does not render on the model; {@code line} is 1-based, 0 if unknown. */
    public static final class InvalidTemplate extends RuntimeException {
        private final int line;

        InvalidTemplate(int line, String message, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final Engine ENGINE = Engine.builder().addDefaults().strictRendering(true).build();

    private TemplateSandbox() {
    }

    /** Parses Qute source; {@link InvalidTemplate} with the line on a syntax error. */
    public static Template parse(String source) {
        try {
            return ENGINE.parse(source);
        } catch (TemplateException e) {
            throw invalid(e);
        }
    }

    /** Renders on the export model; {@link InvalidTemplate} with the line when the template reads beyond it. */
    public static String render(Template template, Map<String, Object> model) {
        try {
            TemplateInstance instance = template.instance();
            model.forEach(instance::data);
            return instance.render();
        } catch (TemplateException e) {
            throw invalid(e);
        } catch (RuntimeException e) {
            TemplateException cause = find(e);
            if (cause != null) {
                throw invalid(cause);
            }
            throw new InvalidTemplate(0, "the template failed to render: " + e.getMessage(), e);
        }
    }

    private static TemplateException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TemplateException te) {
                return te;
            }
        }
        return null;
    }

    private static InvalidTemplate invalid(TemplateException e) {
        int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
        String message = e.getMessage() == null ? "invalid template" : e.getMessage();
        return new InvalidTemplate(line, message, e);
    }
}
