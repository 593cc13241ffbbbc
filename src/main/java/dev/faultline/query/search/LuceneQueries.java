package dev.faultline.query.search;

import org.apache.lucene.search.Query;
import org.hibernate.search.backend.lucene.search.predicate.impl.LuceneSearchPredicate;
import org.hibernate.search.engine.search.predicate.SearchPredicate;

/**
 * The Lucene query of a predicate built with the Hibernate Search DSL. The one reach into
 * Hibernate Search's internals ({@code LuceneSearchPredicate}, {@code PredicateRequestContext}: an
 * {@code impl} package, pinned to the 8.2 line) that {@link LuceneFacetCounts} and
 * {@link LuceneHighlights} share; both fall back to the DSL when it fails (docs/decisions.md).
 */
final class LuceneQueries {

    private LuceneQueries() {
    }

    /**
     * @throws ClassCastException when the predicate is not a Lucene one (another backend)
     * @throws LinkageError when the internals changed
     */
    static Query of(SearchPredicate predicate) {
        return ((LuceneSearchPredicate) predicate).toQuery(
                org.hibernate.search.backend.lucene.search.predicate.impl.PredicateRequestContext.withoutSession());
    }
}
