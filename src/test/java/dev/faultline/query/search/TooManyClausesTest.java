package dev.faultline.query.search;

import org.apache.lucene.search.IndexSearcher;
import org.hibernate.search.util.common.SearchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A query too large for Lucene is the user's doing (400), however it reaches the search. */
class TooManyClausesTest {

    @Test
    void lucene_own_exceptions_from_the_counting_pass_become_bad_input() {
        assertThat(IncidentSearch.translated(new IndexSearcher.TooManyClauses()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(IncidentSearch.translated(new IndexSearcher.TooManyNestedClauses()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(IncidentSearch.translated(new java.util.concurrent.CompletionException(new IndexSearcher.TooManyClauses())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrapped_by_hibernate_search_too_and_nothing_else() {
        assertThat(IncidentSearch.translated(new SearchException("x", new IndexSearcher.TooManyClauses())))
                .isInstanceOf(IllegalArgumentException.class);
        RuntimeException other = new SearchException("index unreadable");
        assertThat(IncidentSearch.translated(other)).isSameAs(other);
    }
}
