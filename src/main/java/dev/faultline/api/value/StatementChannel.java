package dev.faultline.api.value;

/** Where a statement was published. */
public enum StatementChannel {
    BLOG, X, STATUS_PAGE, PRESS, POSTMORTEM, SOCIAL, OTHER
}
