package dev.faultline.api.value;

/** What a remediation action is meant to do. */
public enum RemediationType {
    MITIGATE, PREVENT, DETECT, PROCESS
}
