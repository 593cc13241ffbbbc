package dev.faultline.api.value;

import java.util.Set;

/**
 * Life cycle of a remediation action: PROPOSED → IN_PROGRESS → DONE | ABANDONED.
 * A proposed action may also be abandoned or done straight away; DONE and ABANDONED are final.
 */
public enum RemediationStatus {
    PROPOSED, IN_PROGRESS, DONE, ABANDONED;

    /** The statuses this one may move to. */
    public Set<RemediationStatus> next() {
        return switch (this) {
            case PROPOSED -> Set.of(IN_PROGRESS, DONE, ABANDONED);
            case IN_PROGRESS -> Set.of(DONE, ABANDONED);
            case DONE, ABANDONED -> Set.of();
        };
    }

    public boolean canMoveTo(RemediationStatus target) {
        return next().contains(target);
    }
}
