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
        return new Distribution(Duration.ofSeconds(rank(sorted, 0.5)), Duration.ofSeconds(rank(sorted, 0.9)), n);
    }

    static long rank(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
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
