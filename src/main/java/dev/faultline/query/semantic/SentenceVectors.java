package dev.faultline.query.semantic;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The vector of each sentence, computed once: looked up by content hash in memory (the most
 * recently used {@link #MEMORY} sentences), then in PostgreSQL (table {@code sentence_vector}), and
 * only then encoded by the model and stored. An index rebuild therefore re-reads vectors instead of
 * recomputing them.
 */
@ApplicationScoped
public class SentenceVectors {

    /** Sentences kept in memory: 10,000 × 1.5 KB. */
    static final int MEMORY = 10_000;
    /** The model reads at most 256 word pieces; a longer text is cut before it is tokenized. */
    static final int MAX_CHARS = 2_000;
    private static final int BATCH = 64;

    private final SentenceEncoder encoder;
    private final AgroalDataSource dataSource;
    private final Map<String, float[]> memory = Caffeine.newBuilder().maximumSize(MEMORY).executor(Runnable::run).<String, float[]>build().asMap();
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong readFromStore = new AtomicLong();

    SentenceVectors(SentenceEncoder encoder, AgroalDataSource dataSource) {
        this.encoder = encoder;
        this.dataSource = dataSource;
    }

    /** The unit vector of each distinct sentence. */
    public Map<String, float[]> of(Collection<String> sentences) {
        return of(sentences, Integer.MAX_VALUE);
    }

    /**
     * The unit vector of each distinct sentence, encoding at most {@code maxEncoded} of those neither
     * in memory nor in the store (the others are left out): a bound on the model's work for one request.
     */
    public Map<String, float[]> of(Collection<String> sentences, int maxEncoded) {
        Map<String, float[]> vectors = new HashMap<>();
        Map<String, String> missing = new LinkedHashMap<>(); // hash -> sentence
        synchronized (memory) {
            for (String sentence : new LinkedHashSet<>(sentences)) {
                String hash = hash(sentence);
                float[] known = memory.get(hash);
                if (known != null) {
                    vectors.put(sentence, known);
                } else {
                    missing.put(hash, sentence);
                }
            }
        }
        if (missing.isEmpty()) {
            return vectors;
        }
        Map<String, float[]> found = new HashMap<>(read(missing.keySet()));
        readFromStore.addAndGet(found.size());
        List<String> toEncode = missing.keySet().stream().filter(h -> !found.containsKey(h)).limit(maxEncoded).toList();
        for (int from = 0; from < toEncode.size(); from += BATCH) {
            List<String> hashes = toEncode.subList(from, Math.min(toEncode.size(), from + BATCH));
            float[][] computed = encoder.encode(hashes.stream().map(h -> cut(missing.get(h))).toList());
            Map<String, float[]> batch = new LinkedHashMap<>();
            for (int i = 0; i < hashes.size(); i++) {
                batch.put(hashes.get(i), computed[i]);
            }
            write(batch);
            encoded.addAndGet(batch.size());
            found.putAll(batch);
        }
        synchronized (memory) {
            found.forEach((hash, vector) -> {
                memory.put(hash, vector);
                vectors.put(missing.get(hash), vector);
            });
        }
        return vectors;
    }

    /** Sentences encoded by the model since start. */
    public long encoded() {
        return encoded.get();
    }

    /** Sentence vectors read from the store since start. */
    public long readFromStore() {
        return readFromStore.get();
    }

    private Map<String, float[]> read(Collection<String> hashes) {
        Map<String, float[]> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT hash, vector FROM sentence_vector"
                             + " WHERE hash IN (SELECT decode(h, 'hex') FROM unnest(?::text[]) AS h)")) {
            Array array = connection.createArrayOf("text", hashes.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(HexFormat.of().formatHex(rows.getBytes(1)), Vectors.floats(rows.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sentence vectors", e);
        }
        return found;
    }

    /**
     * Stores computed vectors. The table is a cache, not acknowledged data: its commits do not wait
     * for the disk ({@code synchronous_commit = off} for this transaction only), and a row lost in a
     * crash is computed again.
     */
    private void write(Map<String, float[]> vectors) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement relaxed = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO sentence_vector (hash, vector) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING")) {
                relaxed.execute("SET LOCAL synchronous_commit = off");
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    insert.setBytes(1, bytes(entry.getKey()));
                    insert.setBytes(2, Vectors.bytes(entry.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store sentence vectors", e);
        }
    }

    private static String cut(String sentence) {
        return sentence.length() <= MAX_CHARS ? sentence : sentence.substring(0, MAX_CHARS);
    }

    /** Hex of sha-256 over the model name and the sentence. */
    static String hash(String sentence) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SentenceEncoder.MODEL.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            return HexFormat.of().formatHex(digest.digest(sentence.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** For callers holding sentences: the vectors of these, in order, without duplicates looked up twice. */
    public List<float[]> inOrder(List<String> sentences) {
        Map<String, float[]> vectors = of(sentences);
        List<float[]> ordered = new ArrayList<>(sentences.size());
        sentences.forEach(s -> ordered.add(vectors.get(s)));
        return ordered;
    }
}
