package dev.faultline.bench;

import java.util.Arrays;

/** Collected latencies in microseconds, with percentiles. One per thread, merged at the end. */
final class Latencies {

    /** Every API call needs a token (issue 20): the admin token the benchmark scripts start the app with. */
    static java.net.http.HttpRequest.Builder request(java.net.URI uri) {
        return java.net.http.HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + System.getenv("FAULTLINE_ADMIN_TOKEN"));
    }


    private long[] micros = new long[1 << 16];
    private int size;

    void add(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = nanos / 1_000;
    }

    int count() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.micros[i] * 1_000);
            }
        }
        Arrays.sort(all.micros, 0, all.size);
        return all;
    }

    /** Percentile in milliseconds; the instance must come from {@link #merge} (sorted). */
    double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
        return micros[Math.max(0, index)] / 1_000.0;
    }
}
