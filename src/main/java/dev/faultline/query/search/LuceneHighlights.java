package dev.faultline.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.vectorhighlight.FastVectorHighlighter;
import org.apache.lucene.search.vectorhighlight.FieldQuery;
import org.apache.lucene.search.vectorhighlight.SimpleBoundaryScanner;
import org.apache.lucene.search.vectorhighlight.SimpleFragListBuilder;
import org.apache.lucene.search.vectorhighlight.SimpleFragmentsBuilder;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.mapper.pojo.standalone.scope.SearchScope;

/**
 * A page's highlighted fragments made by Lucene's fast-vector highlighter directly, configured as
 * Hibernate Search configures it (fragments of 100 characters, two per field, {@code <em>} tags,
 * HTML escaping, one fragment never spanning two values of a list), with two savings:
 * <ul>
 *   <li>the query is analysed for highlighting once per page, not once per field of every hit;</li>
 *   <li>a hit's term vectors are decoded once, not once per highlighted field. Lucene's reader
 *       decodes all fields of a document whichever one is asked for, and walks its compressed
 *       block from the start each time: on the 100k corpus that was 40 % of the highlighting,
 *       which was a third of a search's time (docs/decisions.md);</li>
 *   <li>a hit's stored fields are decompressed once, not once per highlighted field (the
 *       highlighter reads the stored text field by field);</li>
 *   <li>whether each hit matches the user's words is checked with one scorer per segment, not
 *       one per hit.</li>
 * </ul>
 * It gets its Lucene query from {@link LuceneQueries}, and returns
 * null (the caller then highlights through the DSL) when the backend is not Lucene or those
 * internals fail. {@code LuceneHighlightsTest} checks its fragments equal the DSL's.
 */
final class LuceneHighlights {

    private static final String[] PRE = {"<em>"};
    private static final String[] POST = {"</em>"};
    private static final int FRAGMENT_CHARS = 100;
    private static final int FRAGMENTS = 2;
    /** Hibernate Search's default: phrase matches considered per field of a hit. */
    private static final int PHRASE_LIMIT = 256;
    private static final Encoder HTML = new SimpleHTMLEncoder();

    private final LuceneQueries queries = new LuceneQueries("Highlighting");

    /**
     * Fragments per hit id and field (fields without a match left out), or null when highlighting
     * this way is not possible here.
     */
    Map<String, Map<String, List<String>>> of(SearchScope<SearchDocument> scope, SearchPredicate words,
                                              List<String> ids, List<String> fields) {
        Query query = queries.of(words);
        if (query == null) {
            return null;
        }
        try (IndexReader reader = scope.extension(LuceneExtension.get()).openIndexReader()) {
            FastVectorHighlighter highlighter = new FastVectorHighlighter();
            highlighter.setPhraseLimit(PHRASE_LIMIT);
            FieldQuery fieldQuery = highlighter.getFieldQuery(query, reader);
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            Weight matches = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
            SimpleFragListBuilder lists = new SimpleFragListBuilder();
            SimpleFragmentsBuilder fragments = new SimpleFragmentsBuilder(PRE, POST, new SimpleBoundaryScanner());
            fragments.setDiscreteMultiValueHighlighting(true);
            Map<String, Map<String, List<String>>> byId = new HashMap<>();
            Map<String, Located> located = new HashMap<>();
            for (String id : ids) {
                Located hit = locate(reader, id);
                if (hit != null) {
                    located.put(id, hit);
                }
            }
            Set<Located> matching = matching(matches, located.values());
            for (String id : ids) {
                Located hit = located.get(id);
                if (hit == null || !matching.contains(hit)) {
                    continue;
                }
                OneDocument document = new OneDocument(hit.segment().reader());
                Map<String, List<String>> byField = new LinkedHashMap<>();
                for (String field : fields) {
                    String[] found = highlighter.getBestFragments(fieldQuery, document, hit.doc(), field,
                            FRAGMENT_CHARS, FRAGMENTS, lists, fragments, PRE, POST, HTML);
                    if (found != null && found.length > 0) {
                        byField.put(field, List.of(found));
                    }
                }
                byId.put(id, byField);
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot highlight the hits of a search", e);
        }
    }

    private record Located(LeafReaderContext segment, int doc) {
    }

    /**
     * The hits that match the user's words on the evidence fields: a hit found through other
     * fields (details, labels) gets no fragments, as with the DSL's highlighting query, rather
     * than stray words of the query's expansions. One scorer per segment, advanced through the
     * segment's hits in order.
     */
    private static Set<Located> matching(Weight weight, Collection<Located> hits) throws IOException {
        Map<LeafReaderContext, List<Located>> bySegment = new HashMap<>();
        hits.forEach(hit -> bySegment.computeIfAbsent(hit.segment(), s -> new ArrayList<>()).add(hit));
        Set<Located> matching = new HashSet<>();
        for (Map.Entry<LeafReaderContext, List<Located>> segment : bySegment.entrySet()) {
            Scorer scorer = weight.scorer(segment.getKey());
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator docs = scorer.iterator();
            List<Located> inOrder = segment.getValue();
            inOrder.sort(Comparator.comparingInt(Located::doc));
            for (Located hit : inOrder) {
                int at = docs.docID() < hit.doc() ? docs.advance(hit.doc()) : docs.docID();
                if (at == hit.doc()) {
                    matching.add(hit);
                }
            }
        }
        return matching;
    }

    /** The live document indexed for {@code id}, through the keyword copy of the id. */
    private static Located locate(IndexReader reader, String id) throws IOException {
        BytesRef term = new BytesRef(id);
        for (LeafReaderContext context : reader.leaves()) {
            LeafReader leaf = context.reader();
            Terms terms = leaf.terms(SearchDocument.ID_KEYWORD);
            if (terms == null) {
                continue;
            }
            TermsEnum found = terms.iterator();
            if (!found.seekExact(term)) {
                continue;
            }
            Bits live = leaf.getLiveDocs();
            PostingsEnum docs = found.postings(null, PostingsEnum.NONE);
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return new Located(context, doc);
                }
            }
        }
        return null;
    }

    /**
     * A segment seen through one document: its term vectors and its stored fields decoded once for
     * all the fields asked for (the highlighter reads the stored text field by field, and Lucene
     * decompresses the document's block at every read).
     * Never closed: closing would close the segment, which belongs to the caller's index reader.
     */
    private static final class OneDocument extends FilterLeafReader {

        private TermVectors vectors;
        private StoredFields stored;

        OneDocument(LeafReader segment) {
            super(segment);
        }

        @Override
        public TermVectors termVectors() throws IOException {
            if (vectors == null) {
                TermVectors segment = in.termVectors();
                vectors = new TermVectors() {
                    private int decoded = -1;
                    private Fields fields;

                    @Override
                    public Fields get(int doc) throws IOException {
                        if (doc != decoded) {
                            fields = segment.get(doc);
                            decoded = doc;
                        }
                        return fields;
                    }
                };
            }
            return vectors;
        }

        @Override
        public StoredFields storedFields() throws IOException {
            if (stored == null) {
                stored = new DecodedOnce(in.storedFields(), in.getFieldInfos());
            }
            return stored;
        }

        @Override
        public CacheHelper getCoreCacheHelper() {
            return null;
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }
    }

    /**
     * A document's stored fields decompressed at the first read (Lucene's own visitor, into a
     * {@link Document}), then replayed to every visitor: the highlighter asks once per field, and
     * each ask would decompress the block again.
     */
    private static final class DecodedOnce extends StoredFields {

        private final StoredFields segment;
        private final FieldInfos fields;
        private int decoded = -1;
        private Document document;

        DecodedOnce(StoredFields segment, FieldInfos fields) {
            this.segment = segment;
            this.fields = fields;
        }

        @Override
        public void document(int doc, StoredFieldVisitor visitor) throws IOException {
            if (doc != decoded) {
                document = segment.document(doc);
                decoded = doc;
            }
            for (IndexableField field : document) {
                FieldInfo info = fields.fieldInfo(field.name());
                StoredFieldVisitor.Status status = visitor.needsField(info);
                if (status == StoredFieldVisitor.Status.STOP) {
                    return;
                }
                if (status == StoredFieldVisitor.Status.YES) {
                    replay(visitor, info, field);
                }
            }
        }

        private static void replay(StoredFieldVisitor visitor, FieldInfo info, IndexableField field) throws IOException {
            BytesRef bytes = field.binaryValue();
            Number number = field.numericValue();
            if (field.stringValue() != null) {
                visitor.stringField(info, field.stringValue());
            } else if (bytes != null) {
                visitor.binaryField(info, java.util.Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length));
            } else if (number instanceof Integer value) {
                visitor.intField(info, value);
            } else if (number instanceof Long value) {
                visitor.longField(info, value);
            } else if (number instanceof Float value) {
                visitor.floatField(info, value);
            } else {
                visitor.doubleField(info, number.doubleValue());
            }
        }
    }
}
