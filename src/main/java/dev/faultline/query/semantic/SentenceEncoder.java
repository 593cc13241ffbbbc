package dev.faultline.query.semantic;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns sentences into vectors with all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), run in
 * process on the CPU from the model file inside the langchain4j artifact: nothing is downloaded.
 * The model loads on first use (about a second). Vectors are unit length, so the dot product of
 * two is their cosine similarity. The model reads at most 256 word pieces of a sentence (longer
 * text is cut, which is why facts are embedded one by one).
 */
@ApplicationScoped
public class SentenceEncoder {

    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(SentenceEncoder.class);

    private volatile EmbeddingModel model;
    private Throwable failure;

    /** One vector per sentence, in order. */
    public float[][] encode(List<String> sentences) {
        if (sentences.isEmpty()) {
            return new float[0][];
        }
        List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
        var embeddings = model().embedAll(segments).content();
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = Vectors.normalized(embeddings.get(i).vector());
        }
        return vectors;
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    if (failure != null) {
                        throw new ModelUnavailable(failure);
                    }
                    long start = System.nanoTime();
                    try {
                        loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    } catch (RuntimeException | LinkageError e) {
                        // e.g. no ONNX Runtime build for this platform: search and related go on without vectors
                        failure = e;
                        LOG.errorf(e, "Sentence model %s cannot be loaded; no SEMANTIC reasons until a restart", MODEL);
                        throw new ModelUnavailable(e);
                    }
                    model = loaded;
                    LOG.infof("Sentence model %s loaded in %d ms", MODEL, (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return loaded;
    }

    /** The model could not be loaded in this process (it is not tried again). */
    public static final class ModelUnavailable extends RuntimeException {
        ModelUnavailable(Throwable cause) {
            super("sentence model " + MODEL + " unavailable: " + cause, cause);
        }
    }
}
