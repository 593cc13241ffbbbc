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
public record Taxonomy(int version, Map<String, Dimension> dimensions, Map<String, String> renamed) {

    public Taxonomy {
        renamed = renamed == null ? Map.of() : renamed;
    }

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
    private static volatile Taxonomy current = STANDARD;

    /** The taxonomy bundled with the application: the starting vocabulary. */
    public static Taxonomy standard() {
        return STANDARD;
    }

    /**
     * The vocabulary as its events left it: the bundled file plus the labels defined, renamed and
     * merged since (query/taxonomy keeps it up to date from the event store).
     */
    public static Taxonomy current() {
        return current;
    }

    /** Makes {@code taxonomy} the current vocabulary of this process. */
    public static void use(Taxonomy taxonomy) {
        current = taxonomy;
    }

    /** The name a label goes by now: itself, or what it was renamed or merged into. */
    public String canonical(String qualifiedLabel) {
        String label = qualifiedLabel;
        for (int hops = 0; hops < 32 && renamed.containsKey(label); hops++) {
            label = renamed.get(label);
        }
        return label;
    }

    /** This taxonomy after a label was defined (the event of the vocabulary stream). */
    public Taxonomy with(dev.faultline.api.event.LabelDefined e) {
        return withLabel(e.label(), e.family(), e.description(), e.synonyms());
    }

    /** This taxonomy after a label was renamed or merged. */
    public Taxonomy with(dev.faultline.api.event.LabelRenamed e) {
        return withRenamed(e.label(), e.newLabel());
    }

    /** Whether this dimension has this family (written without the dimension). */
    public boolean hasFamily(String dimension, String family) {
        Dimension d = dimensions.get(dimension);
        return d != null && d.families().containsKey(family);
    }

    /** This taxonomy with a label added or its description, synonyms or family replaced. */
    public Taxonomy withLabel(String qualifiedLabel, String family, String description, List<String> synonyms) {
        int colon = qualifiedLabel.indexOf(':');
        String name = qualifiedLabel.substring(0, colon);
        Map<String, Dimension> dims = new java.util.LinkedHashMap<>(dimensions);
        Dimension dimension = dims.get(name);
        Map<String, Label> labels = new java.util.LinkedHashMap<>(dimension.labels());
        labels.put(qualifiedLabel.substring(colon + 1), new Label(family, description,
                synonyms == null ? List.of() : List.copyOf(synonyms)));
        dims.put(name, new Dimension(dimension.description(), dimension.families(), labels));
        Map<String, String> names = new java.util.LinkedHashMap<>(renamed);
        names.remove(qualifiedLabel); // a name given back to a label is that label again
        return new Taxonomy(version, dims, names);
    }

    /**
     * This taxonomy with {@code from} renamed to {@code to}; when {@code to} exists already the two
     * are merged, and the old name becomes one of its synonyms.
     */
    public Taxonomy withRenamed(String from, String to) {
        Label old = label(from).orElseThrow(() -> new IllegalArgumentException("no label " + from));
        int colon = from.indexOf(':');
        Map<String, Dimension> dims = new java.util.LinkedHashMap<>(dimensions);
        Dimension fromDimension = dims.get(from.substring(0, colon));
        Map<String, Label> fromLabels = new java.util.LinkedHashMap<>(fromDimension.labels());
        fromLabels.remove(from.substring(colon + 1));
        dims.put(from.substring(0, colon), new Dimension(fromDimension.description(), fromDimension.families(), fromLabels));
        Taxonomy without = new Taxonomy(version, dims, renamed);
        Label target = without.label(to).orElse(null);
        java.util.List<String> synonyms = new java.util.ArrayList<>(target == null ? old.synonyms() == null ? List.of()
                : old.synonyms() : target.synonyms() == null ? List.of() : target.synonyms());
        synonyms.add(from.substring(colon + 1).replace('-', ' '));
        Taxonomy moved = target == null ? without.withLabel(to, old.family(), old.description(), synonyms)
                : without.withLabel(to, target.family(), target.description(), synonyms);
        Map<String, String> names = new java.util.LinkedHashMap<>(moved.renamed());
        names.put(from, to);
        return new Taxonomy(version, moved.dimensions(), names);
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

    /**
     * What a filter on {@code labelOrFamily} matches: the label itself, or every member of the family
     * (a family is written {@code dimension:family}, as patterns write it).
     */
    public java.util.Set<String> matching(String labelOrFamily) {
        if (contains(labelOrFamily)) {
            return java.util.Set.of(labelOrFamily);
        }
        return qualifiedLabels().stream().filter(l -> familyOf(l).map(labelOrFamily::equals).orElse(false))
                .collect(Collectors.toCollection(TreeSet::new));
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
        return new dev.faultline.api.query.TaxonomyView(version, served, Map.copyOf(renamed));
    }
}
