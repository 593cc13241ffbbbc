package dev.faultline.query.pattern;

import dev.faultline.api.query.Distribution;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Nearest-rank percentiles against values worked out by hand. */
class PercentilesTest {

    @Test
    void ten_values_give_the_fifth_and_the_ninth() {
        // sorted: 1 2 3 4 5 6 7 8 9 100; p50 rank ⌈0.5·10⌉ = 5 → 5; p90 rank ⌈0.9·10⌉ = 9 → 9 (not 100)
        Distribution d = Percentiles.of(new long[] {9, 100, 1, 8, 2, 7, 3, 6, 4, 5}, 10);
        assertThat(d.p50()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.p90()).isEqualTo(Duration.ofSeconds(9));
        assertThat(d.n()).isEqualTo(10);
    }

    @Test
    void odd_counts_round_the_rank_up() {
        // 5 values: p50 rank ⌈2.5⌉ = 3; p90 rank ⌈4.5⌉ = 5
        Distribution d = Percentiles.of(new long[] {3600, 7200, 10800, 14400, 36000}, 5);
        assertThat(d.p50()).isEqualTo(Duration.ofHours(3));
        assertThat(d.p90()).isEqualTo(Duration.ofHours(10));
        // 1 value: both are it
        assertThat(Percentiles.of(new long[] {42}, 1).p90()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void no_values_give_no_percentile_and_unknown_values_are_skipped() {
        assertThat(Percentiles.of(new long[0], 0)).isEqualTo(new Distribution(null, null, 0));
        Percentiles.Values values = new Percentiles.Values();
        for (long v = 20; v >= 1; v--) {
            values.add(v);
            values.add(null);
        }
        Distribution d = values.distribution();
        // 1..20: p50 rank 10 → 10, p90 rank 18 → 18
        assertThat(d).isEqualTo(new Distribution(Duration.ofSeconds(10), Duration.ofSeconds(18), 20));
    }
}
