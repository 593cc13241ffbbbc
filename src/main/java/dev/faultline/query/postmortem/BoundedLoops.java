package dev.faultline.query.postmortem;

import io.quarkus.qute.Expression;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.ResolutionContext;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Qute's {@code {#for}}/{@code {#each}}, counting every iteration of a rendering against its
 * {@link Budget}: nested loops that write nothing (so no output limit is ever reached) still stop,
 * at {@link TemplateSandbox#MAX_ITERATIONS} iterations or {@link TemplateSandbox#MAX_RENDER_MILLIS}.
 */
final class BoundedLoops implements SectionHelperFactory<SectionHelper> {

    /** The template instance attribute holding the rendering's budget. */
    static final String BUDGET = "faultline.budget";

    private final LoopSectionHelper.Factory loops = new LoopSectionHelper.Factory();

    /** What one rendering may still spend: iterations and time. */
    static final class Budget {
        private final long maxIterations;
        private final long deadline;
        private long iterations;

        Budget(long maxIterations, long maxMillis) {
            this.maxIterations = maxIterations;
            this.deadline = System.nanoTime() + maxMillis * 1_000_000;
        }

        void iteration() {
            if (++iterations > maxIterations) {
                throw new TemplateSandbox.InvalidTemplate(0, "the rendering ran more than " + maxIterations
                        + " loop iterations (limit)", null);
            }
            time();
        }

        void time() {
            if (System.nanoTime() > deadline) {
                throw new TemplateSandbox.InvalidTemplate(0, "the rendering took longer than "
                        + TemplateSandbox.MAX_RENDER_MILLIS + " ms (limit)", null);
            }
        }
    }

    @Override
    public List<String> getDefaultAliases() {
        return loops.getDefaultAliases();
    }

    @Override
    public ParametersInfo getParameters() {
        return loops.getParameters();
    }

    @Override
    public List<String> getBlockLabels() {
        return loops.getBlockLabels();
    }

    @Override
    public boolean cacheFactoryConfig() {
        return loops.cacheFactoryConfig();
    }

    @Override
    public boolean treatUnknownSectionsAsBlocks() {
        return loops.treatUnknownSectionsAsBlocks();
    }

    @Override
    public MissingEndTagStrategy missingEndTagStrategy() {
        return loops.missingEndTagStrategy();
    }

    @Override
    public Scope initializeBlock(Scope previousScope, BlockInfo block) {
        return loops.initializeBlock(previousScope, block);
    }

    @Override
    public SectionHelper initialize(SectionInitContext context) {
        SectionHelper loop = loops.initialize(context);
        return resolution -> loop.resolve(new Counting(resolution));
    }

    /** The loop's view of its section: each block it executes is one iteration of the budget. */
    private record Counting(SectionHelper.SectionResolutionContext delegate) implements SectionHelper.SectionResolutionContext {

        @Override
        public CompletionStage<Map<String, Object>> evaluate(Map<String, Expression> parameters) {
            return delegate.evaluate(parameters);
        }

        @Override
        public ResolutionContext resolutionContext() {
            return delegate.resolutionContext();
        }

        @Override
        public ResolutionContext newResolutionContext(Object data, Map<String, SectionBlock> extendingBlocks) {
            return delegate.newResolutionContext(data, extendingBlocks);
        }

        @Override
        public CompletionStage<ResultNode> execute(SectionBlock block, ResolutionContext context) {
            if (context.getAttribute(BUDGET) instanceof Budget budget) {
                budget.iteration();
            }
            return delegate.execute(block, context);
        }

        @Override
        public Map<String, Object> getParameters() {
            return delegate.getParameters();
        }
    }
}
