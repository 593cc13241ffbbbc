package dev.faultline.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;

/**
 * The total and the facet counts of a search counted by Lucene directly: the search's own
 * predicate (built in the DSL, as everywhere) turned into its Lucene query, run unscored, each
 * match adding one to an array slot per value of the {@code facets} field's doc values.
 *
 * <p>Hibernate Search's terms aggregation does the same work through a hash set per document and
 * a hash lookup per value; on 100k incidents it was half of a search's time. The Lucene query
 * comes from Hibernate Search's internals ({@link LuceneQueries}): checked by a test against the
 * DSL's own counts, and abandoned for the DSL aggregation (with a warning) if the backend is not
 * Lucene or those internals stop answering. docs/decisions.md says why.
 */
final class LuceneFacetCounts {

    /** A search's exact number of matches and the number of matches per combined facet value. */
    record Raw(long total, Map<String, Long> values) {
    }

    private final LuceneQueries queries = new LuceneQueries("Counting facets");

    /** Null when counting this way is not possible here: the caller counts through the DSL instead. */
    Raw count(SearchScope<SearchDocument> scope, SearchPredicate predicate) {
        Query query = queries.of(predicate);
        if (query == null) {
            return null;
        }
        try (IndexReader reader = scope.extension(LuceneExtension.get()).openIndexReader()) {
            Counter counter = new Counter();
            new IndexSearcher(reader).search(query, counter);
            return new Raw(counter.total, counter.values());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the matches of a search", e);
        }
    }

    /** Counts matches, and per segment the matches of each ordinal of the facet field. */
    private static final class Counter implements Collector {

        private record Segment(SortedSetDocValues values, int[] counts) {
        }

        private final List<Segment> segments = new ArrayList<>();
        private long total;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), SearchDocument.FACETS);
            int[] counts = new int[Math.toIntExact(values.getValueCount())];
            segments.add(new Segment(values, counts));
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    if (values.advanceExact(doc)) {
                        for (int i = values.docValueCount(); i > 0; i--) {
                            counts[(int) values.nextOrd()]++;
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        Map<String, Long> values() throws IOException {
            Map<String, Long> merged = new HashMap<>();
            for (Segment segment : segments) {
                int[] counts = segment.counts();
                for (int ord = 0; ord < counts.length; ord++) {
                    if (counts[ord] > 0) {
                        merged.merge(segment.values().lookupOrd(ord).utf8ToString(), (long) counts[ord], Long::sum);
                    }
                }
            }
            return merged;
        }
    }
}
