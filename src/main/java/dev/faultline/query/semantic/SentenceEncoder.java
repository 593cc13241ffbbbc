package dev.faultline.query.semantic;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Turns sentences into vectors with all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), run in
 * process on the CPU from the model file inside the langchain4j artifact: nothing is downloaded.
 * The model loads on first use (about a second). Vectors are unit length, so the dot product of
 * two is their cosine similarity. The model reads at most 256 word pieces of a sentence (longer
 * text is cut, which is why facts are embedded one by one).
 *
 * <p>ONNX Runtime tears its native state down as the process ends: a thread still inside the model
 * then crashes the JVM (SIGSEGV in libonnxruntime, seen on a SIGTERM during the seed import). Its
 * own shutdown hook is made harmless ({@link OnnxEnvironmentHold}); the model runs on this bean's
 * threads, and {@link #close()} waits for every encoding in flight before the application finishes
 * stopping; later calls find the model unavailable.
 */
@ApplicationScoped
public class SentenceEncoder {

    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(SentenceEncoder.class);

    private volatile EmbeddingModel model;
    private Throwable failure;
    /** Encodings hold it shared; {@link #close()} takes it alone, so it waits for those in flight. */
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final ExecutorService threads = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), daemons());

    /** One vector per sentence, in order. */
    public float[][] encode(List<String> sentences) {
        if (sentences.isEmpty()) {
            return new float[0][];
        }
        List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
        inFlight.readLock().lock();
        try {
            if (closed) {
                throw new ModelUnavailable(new IllegalStateException("the application is stopping"));
            }
            var embeddings = model().embedAll(segments).content();
            float[][] vectors = new float[embeddings.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = Vectors.normalized(embeddings.get(i).vector());
            }
            return vectors;
        } finally {
            inFlight.readLock().unlock();
        }
    }

    /** How many encodings hold the gate now (for tests that stop the encoder during one). */
    int encodingsInFlight() {
        return inFlight.getReadLockCount();
    }

    /** Waits (30 s at most) for the encodings in flight, then stops the model's threads. */
    @PreDestroy
    void close() throws InterruptedException {
        boolean alone = inFlight.writeLock().tryLock(30, TimeUnit.SECONDS);
        try {
            closed = true;
        } finally {
            if (alone) {
                inFlight.writeLock().unlock();
            }
        }
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Sentence encodings still running at shutdown");
        }
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sentence-encoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
                        loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(threads);
                        OnnxEnvironmentHold.hold();
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
