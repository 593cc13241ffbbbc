package dev.faultline.api.query;

import java.time.Instant;
import java.util.List;

/**
 * A pair of incidents: a later one that shares a pattern or an explicit link with an earlier one,
 * the earlier one's remediation actions with their status as it stood when the later one started,
 * and a verdict from its PREVENT and DETECT actions.
 */
public record Recurrence(Side later, Side earlier, List<String> sharedPatterns, boolean linked,
                         List<ActionThen> actions, Verdict verdict, String explanation) {

    public enum Verdict {
        /** A PREVENT or DETECT action was done before the later incident started, yet it recurred. */
        REPEATED_AFTER_DONE,
        /** Such an action was proposed or in progress, not done, when the later incident started. */
        REPEATED_WHILE_OPEN,
        /** Every such action had been abandoned when the later incident started. */
        REPEATED_AFTER_ABANDONED,
        /** No PREVENT or DETECT action had been proposed by then. */
        NO_PRIOR_ACTION
    }

    public record Side(String incidentId, String title, String organization, Instant startedAt) {
    }

    /** An action of the earlier incident: its status when the later one started (null: not yet proposed) and now. */
    public record ActionThen(String actionId, String description, String type, String statusThen, String statusNow) {
    }
}
