package dev.faultline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bucket holds a minute's worth, then says how long until the next request may go. */
class RateLimitBucketTest {

    @Test
    void a_full_minute_passes_then_the_wait_is_one_refill() {
        RateLimits.Bucket bucket = new RateLimits.Bucket(60);
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.take()).as("request %d", i).isZero();
        }
        long wait = bucket.take();
        assertThat(wait).isPositive().isLessThanOrEqualTo(1_000_000_000L); // 60 a minute: one a second
    }
}
