package dev.faultline.api.value;

/** What a timeline entry is about. */
public enum EntryKind {
    TRIGGER, DETECTION, HYPOTHESIS, ESCALATION, MITIGATION, COMMUNICATION, RECOVERY, RESOLUTION, OTHER
}
