package dev.faultline.query.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurationContext;
import org.hibernate.search.backend.elasticsearch.analysis.ElasticsearchAnalysisConfigurer;

/**
 * The analyzers of {@link SearchAnalysis}, component for component, in OpenSearch's names: the
 * same tokenizer and filters in the same order, the same English stop words ({@code _english_} is
 * Lucene's list), and the synonyms of {@value SearchAnalysis#SYNONYMS} sent inline with the index
 * settings (OpenSearch cannot read the application's class path). A changed synonym list therefore
 * needs a rebuild on OpenSearch, where on Lucene it needs a restart (docs/decisions.md).
 */
final class OpenSearchAnalysis implements ElasticsearchAnalysisConfigurer {

    private static final String POSSESSIVE = "faultline_possessive";
    private static final String STOP = "faultline_stop";
    private static final String SYNONYMS = "faultline_synonyms";

    @Override
    public void configure(ElasticsearchAnalysisConfigurationContext context) {
        context.tokenFilter(POSSESSIVE).type("stemmer").param("language", "possessive_english");
        context.tokenFilter(STOP).type("stop").param("stopwords", "_english_");
        context.tokenFilter(SYNONYMS).type("synonym_graph").param("synonyms", synonyms()).param("expand", true);
        context.analyzer(SearchAnalysis.ENGLISH).custom()
                .tokenizer("standard")
                .tokenFilters("lowercase", "asciifolding", POSSESSIVE, STOP, "porter_stem");
        context.analyzer(SearchAnalysis.ENGLISH_QUERY).custom()
                .tokenizer("standard")
                .tokenFilters("lowercase", "asciifolding", POSSESSIVE, SYNONYMS, STOP, "porter_stem");
        context.analyzer(SearchAnalysis.PLAIN).custom()
                .tokenizer("standard")
                .tokenFilters("lowercase", "asciifolding");
        context.normalizer(SearchAnalysis.KEY).custom()
                .tokenFilters("lowercase", "asciifolding");
    }

    /** The synonym rules (Solr format, one per line), comments and blank lines left out. */
    static String[] synonyms() {
        try (InputStream in = OpenSearchAnalysis.class.getClassLoader().getResourceAsStream(SearchAnalysis.SYNONYMS)) {
            if (in == null) {
                throw new IllegalStateException(SearchAnalysis.SYNONYMS + " is not on the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
