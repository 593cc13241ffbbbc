package dev.faultline.taxonomy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The versioned root-cause taxonomy of {@code taxonomy/taxonomy.yaml}: dimensions with labels,
 * each with a description and synonyms. The aggregate only accepts labels listed here.
 */
public record Taxonomy(int version, Map<String, Dimension> dimensions) {

    /** A dimension's families group its labels ({@code trigger:change}); a family is written like a label. */
    public record Dimension(String description, Map<String, Family> families, Map<String, Label> labels) {
        public Dimension {
            families = families == null ? Map.of() : families;
        }
    }

    public record Family(String description) {
    }

    public record Label(String family, String description, List<String> synonyms) {
    }

    private static final Taxonomy STANDARD = load("/taxonomy/taxonomy.yaml");

    /** The taxonomy bundled with the application. */
    public static Taxonomy standard() {
        return STANDARD;
    }

    static Taxonomy load(String resource) {
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("taxonomy resource missing: " + resource);
            }
            return new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, Taxonomy.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + resource, e);
        }
    }

    /** Whether {@code dimension:label} is a label of this taxonomy. */
    public boolean contains(String qualifiedLabel) {
        int colon = qualifiedLabel.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Dimension dimension = dimensions.get(qualifiedLabel.substring(0, colon));
        return dimension != null && dimension.labels().containsKey(qualifiedLabel.substring(colon + 1));
    }

    /** The label {@code dimension:label}, if this taxonomy has it. */
    public java.util.Optional<Label> label(String qualifiedLabel) {
        int colon = qualifiedLabel.indexOf(':');
        Dimension dimension = colon < 0 ? null : dimensions.get(qualifiedLabel.substring(0, colon));
        return dimension == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(dimension.labels().get(qualifiedLabel.substring(colon + 1)));
    }

    /** Every label, written {@code dimension:label}, sorted. */
    public TreeSet<String> qualifiedLabels() {
        return dimensions.entrySet().stream()
                .flatMap(d -> d.getValue().labels().keySet().stream().map(l -> d.getKey() + ":" + l))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The family of {@code dimension:label}, written {@code dimension:family}, if it has one. */
    public java.util.Optional<String> familyOf(String qualifiedLabel) {
        int colon = qualifiedLabel.indexOf(':');
        return label(qualifiedLabel).map(Label::family).filter(f -> f != null && !f.isBlank())
                .map(f -> qualifiedLabel.substring(0, colon) + ":" + f);
    }

    /** The taxonomy as the API serves it: dimensions, families with their members, labels. */
    public dev.faultline.api.query.TaxonomyView view() {
        List<dev.faultline.api.query.TaxonomyView.Dimension> served = dimensions.entrySet().stream().map(d -> {
            String name = d.getKey();
            List<dev.faultline.api.query.TaxonomyView.Label> labels = d.getValue().labels().entrySet().stream()
                    .map(l -> new dev.faultline.api.query.TaxonomyView.Label(name + ":" + l.getKey(),
                            l.getValue().description(), l.getValue().synonyms() == null ? List.of() : l.getValue().synonyms(),
                            l.getValue().family() == null ? null : name + ":" + l.getValue().family()))
                    .toList();
            List<dev.faultline.api.query.TaxonomyView.Family> families = d.getValue().families().entrySet().stream()
                    .map(f -> new dev.faultline.api.query.TaxonomyView.Family(name + ":" + f.getKey(), f.getValue().description(),
                            labels.stream().filter(l -> (name + ":" + f.getKey()).equals(l.family()))
                                    .map(dev.faultline.api.query.TaxonomyView.Label::label).toList()))
                    .toList();
            return new dev.faultline.api.query.TaxonomyView.Dimension(name, d.getValue().description(), families, labels);
        }).toList();
        return new dev.faultline.api.query.TaxonomyView(version, served);
    }
}
