package dev.faultline.query.postmortem;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateNode;
import java.util.Map;

/**
 * The Qute engine postmortem templates run in: a standalone engine with the default value
 * resolvers only (maps, lists, strings, numbers, booleans, loops and conditions) — no reflection,
 * no CDI namespaces ({@code inject:}, {@code cdi:}), no includes, no template locators. Since the
 * export model is made only of maps, lists and strings, a template can read the model and
 * nothing else. Rendering is strict: a name the model does not have is an error, not a blank.
 *
 * <p>Bounded: a loop over a number literal may not count past {@link #MAX_LOOP_RANGE} (a 60-byte
 * template of two nested 100,000-loops once rendered forever), and a rendering stops with an error
 * once its output passes {@link #MAX_OUTPUT_CHARS}, its loops have run {@link #MAX_ITERATIONS} times
 * in all ({@link BoundedLoops}: nested loops that write nothing stop too) or it has run for
 * {@link #MAX_RENDER_MILLIS}.
 * Loops over the model are bounded by the model, whose lists the size limits of the API bound.
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

    /** The default sections, with loops that count against the rendering's budget ({@link BoundedLoops}). */
    private static final Engine ENGINE = Engine.builder().addDefaults().addSectionHelper(new BoundedLoops())
            .strictRendering(true).build();

    static final int MAX_LOOP_RANGE = 10_000;
    static final int MAX_OUTPUT_CHARS = 10_000_000;
    static final long MAX_RENDER_MILLIS = 10_000;
    /** Loop iterations of one rendering, all loops together (the largest real export runs a few thousand). */
    static final long MAX_ITERATIONS = 1_000_000;

    private TemplateSandbox() {
    }

    /** Parses Qute source; {@link InvalidTemplate} with the line on a syntax error. */
    public static Template parse(String source) {
        Template template;
        try {
            template = ENGINE.parse(source);
        } catch (TemplateException e) {
            throw invalid(e);
        }
        for (TemplateNode node : template.findNodes(n -> n instanceof SectionNode)) {
            for (SectionBlock block : ((SectionNode) node).getBlocks()) {
                String iterable = block.parameters.get("iterable");
                if (iterable != null && iterable.strip().matches("\\d{1,18}")
                        && Long.parseLong(iterable.strip()) > MAX_LOOP_RANGE) {
                    throw new InvalidTemplate(block.origin.getLine(), "a loop over a number may count to at most "
                            + MAX_LOOP_RANGE + ", not " + iterable.strip(), null);
                }
            }
        }
        return template;
    }

    /** Renders on the export model; {@link InvalidTemplate} with the line when the template reads beyond it. */
    public static String render(Template template, Map<String, Object> model) {
        try {
            TemplateInstance instance = template.instance();
            model.forEach(instance::data);
            BoundedLoops.Budget budget = new BoundedLoops.Budget(MAX_ITERATIONS, MAX_RENDER_MILLIS);
            instance.setAttribute(BoundedLoops.BUDGET, budget);
            BoundedOutput output = new BoundedOutput(budget);
            instance.consume(output).toCompletableFuture().join();
            return output.toString();
        } catch (java.util.concurrent.CompletionException e) {
            InvalidTemplate limit = limit(e);
            if (limit != null) {
                throw limit;
            }
            TemplateException cause = find(e);
            throw cause != null ? invalid(cause)
                    : new InvalidTemplate(0, "the template failed to render: " + e.getCause(), e);
        } catch (InvalidTemplate e) {
            throw e;
        } catch (TemplateException e) {
            InvalidTemplate limit = limit(e);
            throw limit != null ? limit : invalid(e);
        } catch (RuntimeException e) {
            InvalidTemplate limit = limit(e);
            if (limit != null) {
                throw limit;
            }
            TemplateException cause = find(e);
            if (cause != null) {
                throw invalid(cause);
            }
            throw new InvalidTemplate(0, "the template failed to render: " + e.getMessage(), e);
        }
    }

    /** Collects the rendering, and stops it once it is too long or has run too long. */
    private static final class BoundedOutput implements java.util.function.Consumer<String> {
        private final StringBuilder text = new StringBuilder();
        private final BoundedLoops.Budget budget;

        BoundedOutput(BoundedLoops.Budget budget) {
            this.budget = budget;
        }

        @Override
        public void accept(String chunk) {
            text.append(chunk);
            if (text.length() > MAX_OUTPUT_CHARS) {
                throw new InvalidTemplate(0, "the rendering is longer than " + MAX_OUTPUT_CHARS + " characters (limit)", null);
            }
            budget.time();
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** A limit the rendering hit, however deep Qute wrapped it (a loop's limit comes back inside its TemplateException). */
    private static InvalidTemplate limit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidTemplate invalid) {
                return invalid;
            }
        }
        return null;
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
