package dev.faultline.query.search;

import java.time.Instant;
import java.util.List;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.engine.backend.types.VectorSimilarity;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.VectorField;

/**
 * What the search index holds for one incident: all its text, split into fields that are weighted
 * differently at query time (see {@link SearchPredicates#FIELDS}), plus facet, filter and sort fields.
 * Built from the incident's folded current state by {@link SearchDocuments}; never loaded back as
 * an entity (results are projections). Retracted or superseded facts go to {@code history}, which
 * is searchable but weighted lowest.
 */
@SearchEntity(name = "Incident")
@Indexed(index = "incidents")
public class SearchDocument {

    private static final String EN = SearchAnalysis.ENGLISH;
    private static final String EN_Q = SearchAnalysis.ENGLISH_QUERY;

    /** Bump when the mapping or what a document holds changes: an index of another schema is rebuilt at start. */
    public static final String SCHEMA = "10";

    @DocumentId
    @KeywordField(name = SearchDocument.ID_KEYWORD, sortable = Sortable.YES)
    String id;

    /**
     * A keyword copy of the id: plain term lookups, where {@code f.id()} would build a multi-term
     * query (which the fast-vector highlighter rewrites for every field of every hit).
     */
    static final String ID_KEYWORD = "incidentId";

    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    @KeywordField(name = "title_key", normalizer = SearchAnalysis.KEY, sortable = Sortable.YES)
    String title;

    @KeywordField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    @KeywordField(name = "organization_key", normalizer = SearchAnalysis.KEY, sortable = Sortable.YES)
    @FullTextField(name = "organization_text", analyzer = SearchAnalysis.PLAIN)
    String organization;

    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    String summary;

    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    List<String> timeline;

    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    List<String> statements;

    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    List<String> rootCauses;

    /** The taxonomy's descriptions and synonyms of the incident's labels, so "latent defect" finds defect:latent-bug. */
    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q)
    List<String> labelText;

    /**
     * The rest of the incident's current text, for ranking only: contributing factors, impact,
     * remediation, speakers' names and roles, and the timeline again (which also has its own field,
     * for highlighting). One field instead of five keeps the ranking query small (docs/decisions.md).
     */
    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q)
    List<String> details;

    /**
     * All current text of the incident in one field — title, organization, summary, statements,
     * root causes, label descriptions and {@link #details} — for the first phase of ranking and for
     * matching: one field to score instead of eight (docs/decisions.md, "Relevance in two phases").
     */
    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q)
    List<String> content;

    /** The name of {@link #content} in the index. */
    static final String CONTENT = "content";

    /** Retracted timeline entries, ruled-out causes, superseded wording: findable, ranked lowest. */
    @FullTextField(analyzer = EN, searchAnalyzer = EN_Q, highlightable = Highlightable.ANY,
            termVector = TermVector.WITH_POSITIONS_OFFSETS)
    List<String> history;

    /** Unstemmed names, titles and labels: the field typo tolerance works on. */
    @FullTextField(analyzer = SearchAnalysis.PLAIN)
    List<String> spelling;

    @KeywordField(aggregable = Aggregable.YES)
    List<String> labels;

    /** The incidents this one links to explicitly, so related incidents find links in both directions. */
    @KeywordField
    List<String> links;

    /**
     * The direction of what the incident says about why it happened: the centroid of the unit
     * vectors of its sentences of why ({@link Why}), from the sentence model. For k-NN (HNSW);
     * null when it says nothing of why. Not stored (it would double the index: the k-NN score gives
     * the cosine); the graph is built with a beam of 32 instead of 100, 3.6× cheaper to build for
     * a recall@20 of 0.98 instead of 1.00 on 20,000 clustered vectors, and held as bytes (each
     * component scaled so the largest is ±127: a quarter of the size of floats, cosine within ~0.01;
     * docs/decisions.md).
     */
    @VectorField(dimension = 384, vectorSimilarity = VectorSimilarity.COSINE, efConstruction = 32)
    byte[] whyVector;

    /** The name of {@link #whyVector} in the index. */
    public static final String WHY_VECTOR = "whyVector";

    /** The sentences of why ({@link Why#sentences()}): not indexed themselves (see {@link #related}). */
    List<String> whySentences;

    /**
     * What related-incident scoring needs of the incident — title, organization, start, labels,
     * links, words and sentences of why — stored as one value ({@link RelatedCandidates.Profile#encoded()}),
     * so candidates are scored without folding; one stored value instead of a hundred, which each
     * projected field would walk (docs/decisions.md).
     */
    @GenericField(searchable = Searchable.NO, projectable = Projectable.YES)
    String related;

    /**
     * Every facet value of the incident in one field — {@code organization=Cloudflare},
     * {@code label=defect:latent-bug}, {@code severity=SEV1}, {@code year=2025} — so that one terms
     * aggregation counts all facets in one pass over the matches instead of four (docs/decisions.md).
     */
    @KeywordField(aggregable = Aggregable.YES, searchable = Searchable.NO)
    List<String> facets;

    /** The name of {@link #facets} in the index. */
    static final String FACETS = "facets";

    @KeywordField(aggregable = Aggregable.YES, projectable = Projectable.YES, sortable = Sortable.YES)
    String severity;

    @KeywordField(aggregable = Aggregable.YES, projectable = Projectable.YES)
    String status;

    @KeywordField(aggregable = Aggregable.YES)
    List<String> speakerRoles;

    @GenericField(aggregable = Aggregable.YES)
    Integer year;

    @GenericField(sortable = Sortable.YES, projectable = Projectable.YES)
    Instant startedAt;

    @GenericField(sortable = Sortable.YES)
    Long durationSeconds;

    @GenericField(sortable = Sortable.YES)
    Long timeToResolveSeconds;

    /** Global position of the last event folded into this document. */
    @GenericField(projectable = Projectable.YES)
    Long position;

    /** Version of the incident this document was built from. */
    @GenericField(projectable = Projectable.YES)
    Long version;
}
