package dev.faultline.api.value;

/** How precisely an incident time is known; DAY means only the date is known (the time part is 00:00Z). */
public enum TimePrecision {
    DAY, HOUR, MINUTE, EXACT
}
