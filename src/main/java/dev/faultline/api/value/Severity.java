package dev.faultline.api.value;

/** How bad an incident was: SEV1 is the worst. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
