package dev.faultline.api.value;

/** How one incident relates to another. */
public enum LinkRelation {
    CAUSED_BY, CAUSED, DUPLICATE_OF, SAME_ROOT_CAUSE, FOLLOW_UP_OF
}
