package dev.faultline.api.query;

import java.time.Instant;

/**
 * An event a projection could not apply, parked until an operator retries or skips it: its global
 * position, its incident and type, the last error, when it first failed and how many times it has
 * failed. {@code attempts} is 0 for an event parked only because an earlier event of its incident
 * is (it was never tried, so that the incident's events stay in order).
 */
public record ParkedEvent(String id, Long position, String incidentId, String eventType, String error,
                          Instant firstFailedAt, Instant lastFailedAt, long attempts) {
}
