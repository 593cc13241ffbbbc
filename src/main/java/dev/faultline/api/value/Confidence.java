package dev.faultline.api.value;

/** How well a fact is established: confirmed by a primary source, reported by a secondary one, or unverified. */
public enum Confidence {
    CONFIRMED, SECONDARY, UNVERIFIED
}
