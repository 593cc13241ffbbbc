package dev.faultline.query.search;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the search caches (known words, counts) keep, and when they let go of it. */
class IndexVersionCacheTest {

    private final SearchIndexes indexes = new SearchIndexes(Path.of("unused"));
    private final SearchIndexes.Generation serving = new SearchIndexes.Generation("g-1", Path.of("g-1"), null);

    @Test
    void entries_last_until_the_serving_index_changes() {
        IndexVersionCache<String, Integer> cache = new IndexVersionCache<>(indexes, 10);
        cache.of(serving).put("dns", 1);
        assertThat(cache.of(serving)).containsEntry("dns", 1);

        indexes.changed();
        assertThat(cache.of(serving)).isEmpty();
    }

    @Test
    void another_generation_starts_empty() {
        IndexVersionCache<String, Integer> cache = new IndexVersionCache<>(indexes, 10);
        cache.of(serving).put("dns", 1);
        assertThat(cache.of(new SearchIndexes.Generation("g-2", Path.of("g-2"), null))).isEmpty();
    }

    @Test
    void a_value_derived_while_a_write_lands_is_dropped_at_the_next_use() {
        IndexVersionCache<String, Integer> cache = new IndexVersionCache<>(indexes, 10);
        Map<String, Integer> before = cache.of(serving);
        indexes.changed(); // a write commits while the value is being derived
        before.put("dns", 1);
        assertThat(cache.of(serving)).doesNotContainKey("dns");
    }

    @Test
    void bounded_and_zero_keeps_nothing() {
        IndexVersionCache<String, Integer> cache = new IndexVersionCache<>(indexes, 2);
        Map<String, Integer> entries = cache.of(serving);
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, i);
            entries.get("k0");
        }
        assertThat(entries).hasSize(2).containsKey("k0"); // the frequently used entry stays

        Map<String, Integer> none = new IndexVersionCache<String, Integer>(indexes, 0).of(serving);
        none.put("a", 1);
        assertThat(none).isEmpty();
    }
}
