package dev.faultline.query.search;

import dev.faultline.query.semantic.SentenceEncoder;
import dev.faultline.query.semantic.SentenceVectors;
import dev.faultline.query.semantic.Vectors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives search documents their {@link SearchDocument#whyVector}: the sentences of a chunk of
 * documents are looked up (or encoded) together, then each document gets the centroid of its own.
 * Off with {@code faultline.semantic.enabled=false} (documents then have no vector and related
 * incidents give no SEMANTIC reasons).
 */
@ApplicationScoped
public class WhyVectors {

    /**
     * The most sentences one request may have the model encode (≈0.5 s on two cores): a request's
     * sentences are almost always cached already (the index encoded them), but wording known only at
     * an earlier {@code knownAt} may not be. Sentences past the bound are left out of the request's
     * centroids and quotes.
     */
    static final int REQUEST_ENCODINGS = 128;

    private final SentenceVectors vectors;
    private final boolean enabled;

    WhyVectors(SentenceVectors vectors, @ConfigProperty(name = "faultline.semantic.enabled", defaultValue = "true") boolean enabled) {
        this.vectors = vectors;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Sets the vector of each document from its sentences of why. */
    void fill(List<SearchDocument> documents) {
        if (!enabled || documents.isEmpty()) {
            return;
        }
        List<String> sentences = new ArrayList<>();
        documents.forEach(doc -> sentences.addAll(doc.whySentences));
        Map<String, float[]> known;
        try {
            known = vectors.of(sentences);
        } catch (SentenceEncoder.ModelUnavailable e) {
            return; // logged once by the encoder; the documents have no vector
        }
        for (SearchDocument doc : documents) {
            float[] centroid = Vectors.centroid(doc.whySentences.stream().map(known::get).toList());
            doc.whyVector = centroid == null ? null : Vectors.quantized(centroid);
        }
    }

    /** For a request: the centroid of these sentences (those with a vector), or null when disabled or none. */
    public float[] centroid(List<String> sentences) {
        return centroid(sentences, of(sentences));
    }

    /** The centroid of these sentences from vectors looked up before ({@link #of}); null when none has one. */
    public static float[] centroid(List<String> sentences, Map<String, float[]> vectors) {
        List<float[]> known = sentences.stream().map(vectors::get).filter(java.util.Objects::nonNull).toList();
        return Vectors.centroid(known);
    }

    /** For a request: each sentence's vector, at most {@link #REQUEST_ENCODINGS} of them newly encoded (empty when disabled). */
    public Map<String, float[]> of(List<String> sentences) {
        if (!enabled || sentences.isEmpty()) {
            return Map.of();
        }
        try {
            return vectors.of(sentences, REQUEST_ENCODINGS);
        } catch (SentenceEncoder.ModelUnavailable e) {
            return Map.of();
        }
    }
}
