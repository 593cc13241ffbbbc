package dev.faultline.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.junit.jupiter.api.Test;

/**
 * When a predicate has no Lucene query (another backend, or Hibernate Search's internals changed),
 * the Lucene-direct paths get null, not an exception, so counts and highlights come from the DSL
 * instead of failing the search.
 */
class LuceneQueriesTest {

    @Test
    void a_predicate_of_another_backend_has_no_lucene_query() {
        SearchPredicate foreign = new SearchPredicate() {
        };
        assertThat(new LuceneQueries("Testing").of(foreign)).isNull();
    }
}
