package dev.faultline.query.search;

import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.core.StopFilterFactory;
import org.apache.lucene.analysis.en.EnglishPossessiveFilterFactory;
import org.apache.lucene.analysis.en.PorterStemFilterFactory;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilterFactory;
import org.apache.lucene.analysis.standard.StandardTokenizerFactory;
import org.apache.lucene.analysis.synonym.SynonymGraphFilterFactory;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Every analyzer of the search index, named here (the Lucene backend has no built-in "english").
 * <ul>
 *   <li>{@value #ENGLISH}: indexing of prose — standard tokenizer, lower case, ASCII folding,
 *       English possessives, English stop words, Porter stemming.</li>
 *   <li>{@value #ENGLISH_QUERY}: the same for what users type, plus the domain synonyms of
 *       {@code search/synonyms.txt} (data, not code), expanded at query time only so that editing
 *       the list needs no re-index.</li>
 *   <li>{@value #PLAIN}: unstemmed words of names and titles, where typo tolerance (fuzzy matching)
 *       works on what people actually type.</li>
 *   <li>normalizer {@value #KEY}: case- and accent-insensitive keywords for filters.</li>
 * </ul>
 */
public class SearchAnalysis implements LuceneAnalysisConfigurer {

    public static final String ENGLISH = "english";
    public static final String ENGLISH_QUERY = "english_query";
    public static final String PLAIN = "plain";
    public static final String KEY = "key";
    public static final String SYNONYMS = "search/synonyms.txt";

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(ENGLISH).custom()
                .tokenizer(StandardTokenizerFactory.class)
                .tokenFilter(LowerCaseFilterFactory.class)
                .tokenFilter(ASCIIFoldingFilterFactory.class)
                .tokenFilter(EnglishPossessiveFilterFactory.class)
                .tokenFilter(StopFilterFactory.class)
                .tokenFilter(PorterStemFilterFactory.class);
        context.analyzer(ENGLISH_QUERY).custom()
                .tokenizer(StandardTokenizerFactory.class)
                .tokenFilter(LowerCaseFilterFactory.class)
                .tokenFilter(ASCIIFoldingFilterFactory.class)
                .tokenFilter(EnglishPossessiveFilterFactory.class)
                .tokenFilter(SynonymGraphFilterFactory.class)
                        .param("synonyms", SYNONYMS)
                        .param("ignoreCase", "true")
                        .param("expand", "true")
                .tokenFilter(StopFilterFactory.class)
                .tokenFilter(PorterStemFilterFactory.class);
        context.analyzer(PLAIN).custom()
                .tokenizer(StandardTokenizerFactory.class)
                .tokenFilter(LowerCaseFilterFactory.class)
                .tokenFilter(ASCIIFoldingFilterFactory.class);
        context.normalizer(KEY).custom()
                .tokenFilter(LowerCaseFilterFactory.class)
                .tokenFilter(ASCIIFoldingFilterFactory.class);
    }
}
