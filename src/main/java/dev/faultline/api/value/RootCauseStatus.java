package dev.faultline.api.value;

/** Where a root cause stands: held, or ruled out (a hypothesis that proved wrong; it stays in history). */
public enum RootCauseStatus {
    STANDING, RULED_OUT
}
