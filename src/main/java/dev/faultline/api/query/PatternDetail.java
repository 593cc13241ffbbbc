package dev.faultline.api.query;

import java.time.Instant;
import java.util.List;

/**
 * One pattern with a page of its incidents in time order ({@code pattern.incidents} counts them all),
 * the sentences that put each in it, and what each announced.
 */
public record PatternDetail(PatternSummary pattern, Instant knownAt, int page, int size, List<Member> incidents) {

    public record Member(String incidentId, String title, String organization, Instant startedAt, String status,
                         List<Because> because, List<Action> remediations) {
    }

    /** A label of the pattern the incident carries, and the sentences (root causes, factors) that carry it. */
    public record Because(String label, List<String> sentences) {
    }

    public record Action(String actionId, String description, String type, String status, String owner,
                         java.time.LocalDate dueDate) {
    }
}
