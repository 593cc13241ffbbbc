package dev.faultline.api.query;

import java.util.List;

/**
 * The root-cause vocabulary as served by {@code GET /api/taxonomy}: dimensions, families and labels,
 * and the old names of renamed or merged labels with the name each goes by now.
 */
public record TaxonomyView(int version, List<Dimension> dimensions, java.util.Map<String, String> renamed) {

    public record Dimension(String name, String description, List<Family> families, List<Label> labels) {
    }

    /** A family is written like a label ({@code trigger:change}) and stands for its members in filters and patterns. */
    public record Family(String label, String description, List<String> members) {
    }

    public record Label(String label, String description, List<String> synonyms, String family) {
    }
}
