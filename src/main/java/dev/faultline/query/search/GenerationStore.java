package dev.faultline.query.search;

import java.nio.file.Path;
import java.util.Set;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;

/**
 * Where search index generations live and how the serving one is recorded: directories and a
 * {@code CURRENT} file on this node's disk ({@link DiskGenerations}), or OpenSearch indexes behind
 * an alias that every node follows ({@link OpenSearchGenerations}). {@link SearchIndexes} runs the
 * generations' life (open, build, swap, retire) the same way on both.
 */
interface GenerationStore {

    /** The generation recorded as complete and serving, with the event store and schema it was built for. */
    record Recorded(String name, String store, String schema) {
    }

    /** The serving generation as recorded, or null when none is. */
    Recorded serving();

    /** A name for a new generation of this event store. */
    String newName(String storeId);

    /** Null when the named generation can serve after a start; otherwise why it cannot. */
    String unusable(String name);

    /** Opens (creating it if needed) the named generation's Hibernate Search mapping. */
    CloseableSearchMapping open(String name);

    /** The generation's directory on this node's disk; null when it has none. */
    Path directory(String name);

    /** Records the generation as complete for this store and makes it the serving one, in one step. */
    void publish(String name, String storeId);

    /** After the generation's mapping closed at shutdown (Lucene marks it clean). */
    void closed(String name);

    /** Deletes the generation's data. */
    void delete(String name);

    /** Deletes every generation not named here. */
    void deleteAllBut(Set<String> keep);

    /** True when all nodes share these generations: each node then follows the serving and building ones. */
    boolean shared();

    /** The generation another node is building, which writes go to as well; null when none (shared stores only). */
    default String building() {
        return null;
    }

    /** Announces the generation this node starts building (shared stores only). */
    default void building(String name) {
    }

    /**
     * What the engine's BM25 multiplies every term score by, compared with Lucene's: Lucene 9 dropped
     * the constant (k1 + 1) = 2.2 from its BM25; OpenSearch 2.x still scores with the legacy formula.
     * Constant scores mixed with BM25 ones are scaled by it, and reported scores divided by it, so
     * both engines rank and score alike.
     */
    default float bm25Factor() {
        return 1f;
    }

    /** Seconds a replaced generation stays readable for the searches (and, shared, the nodes) still on it. */
    int retireAfterSeconds();
}
