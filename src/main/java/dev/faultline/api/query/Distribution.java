package dev.faultline.api.query;

import java.time.Duration;

/**
 * How a duration is spread over some incidents: median and 90th percentile (nearest rank) and how
 * many incidents had it. Means are not given: a few week-long outages would dominate them.
 */
public record Distribution(Duration p50, Duration p90, int n) {
}
