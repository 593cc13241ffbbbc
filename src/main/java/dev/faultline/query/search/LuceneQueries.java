package dev.faultline.query.search;

import org.apache.lucene.search.Query;
import org.hibernate.search.backend.lucene.search.predicate.impl.LuceneSearchPredicate;
import org.hibernate.search.backend.lucene.search.predicate.impl.PredicateRequestContext;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.jboss.logging.Logger;

/**
 * The Lucene query of a predicate built with the Hibernate Search DSL, for the two paths that run
 * Lucene directly ({@link LuceneHighlights}). This is the one reach
 * into Hibernate Search's internals ({@code LuceneSearchPredicate}, {@code PredicateRequestContext}:
 * an {@code impl} package, pinned to the 8.2 line). The first time it fails — another backend, or
 * changed internals — it logs once and answers null from then on, and its user falls back to the
 * DSL (docs/decisions.md).
 */
final class LuceneQueries {

    private static final Logger LOG = Logger.getLogger(LuceneQueries.class);

    /** What the user does with the query, for the warning: e.g. "Counting facets". */
    private final String purpose;
    private volatile boolean usable = true;

    LuceneQueries(String purpose) {
        this.purpose = purpose;
    }

    /** The predicate's Lucene query, or null when this path is not possible here. */
    Query of(SearchPredicate predicate) {
        if (!usable) {
            return null;
        }
        try {
            return ((LuceneSearchPredicate) predicate).toQuery(PredicateRequestContext.withoutSession());
        } catch (RuntimeException | LinkageError e) {
            usable = false;
            LOG.warnf("%s through the Hibernate Search DSL from now on: the Lucene query of a search is not"
                    + " available (%s)", purpose, e.toString());
            return null;
        }
    }
}
