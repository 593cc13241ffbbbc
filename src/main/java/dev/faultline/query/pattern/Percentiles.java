package dev.faultline.query.pattern;

import dev.faultline.api.query.Distribution;
import java.time.Duration;
import java.util.Arrays;

/** Nearest-rank percentiles of durations in seconds: the value at rank ⌈p·n⌉ of the sorted values. */
final class Percentiles {

    private Percentiles() {
    }

    static Distribution of(long[] seconds, int n) {
        if (n == 0) {
            return new Distribution(null, null, 0);
        }
        long[] sorted = Arrays.copyOf(seconds, n);
        Arrays.sort(sorted);
        return new Distribution(Duration.ofSeconds(rank(sorted, 50)), Duration.ofSeconds(rank(sorted, 90)), n);
    }

    /** The value at rank ⌈percent·n/100⌉, in integers (0.9·10 in floating point is not exactly 9). */
    static long rank(long[] sorted, int percent) {
        int rank = (int) ((percent * (long) sorted.length + 99) / 100);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Collects values, skipping unknown ones. */
    static final class Values {
        private long[] values = new long[16];
        private int n;

        void add(Long value) {
            if (value == null) {
                return;
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = value;
        }

        Distribution distribution() {
            return of(values, n);
        }
    }
}
