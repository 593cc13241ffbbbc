package dev.faultline.query.pattern;

import dev.faultline.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The patterns an incident belongs to, from its standing labels: each label, each family of its
 * labels, and each combination of two or three of its cause labels from different dimensions. A
 * combination's key is its labels in alphabetical order joined by {@code +}. Labels of how an outage
 * was handled or what it cost ({@code response:}, {@code impact:}) form single-label patterns but no
 * combinations: a combination describes a cause (docs/decisions.md).
 */
public final class PatternKeys {

    /** What a pattern is made of. */
    public enum Kind { LABEL, FAMILY, COMBINATION }

    /** A pattern: its key, kind and labels (for a family, the family's name). */
    public record Key(String key, Kind kind, List<String> labels) {
    }

    static final String JOIN = "+";
    /** Cause labels beyond this many (alphabetical) form no further combinations: bounds the work per incident. */
    static final int MAX_COMBINED = 12;

    private PatternKeys() {
    }

    public static Map<String, Key> of(Collection<String> labels, Taxonomy taxonomy) {
        Map<String, Key> keys = new LinkedHashMap<>();
        TreeSet<String> sorted = new TreeSet<>(labels);
        for (String label : sorted) {
            keys.put(label, new Key(label, Kind.LABEL, List.of(label)));
            taxonomy.familyOf(label).ifPresent(f -> keys.putIfAbsent(f, new Key(f, Kind.FAMILY, List.of(f))));
        }
        List<String> causes = sorted.stream().filter(PatternKeys::isCause).limit(MAX_COMBINED).toList();
        for (int i = 0; i < causes.size(); i++) {
            for (int j = i + 1; j < causes.size(); j++) {
                if (sameDimension(causes.get(i), causes.get(j))) {
                    continue;
                }
                add(keys, List.of(causes.get(i), causes.get(j)));
                for (int k = j + 1; k < causes.size(); k++) {
                    if (!sameDimension(causes.get(i), causes.get(k)) && !sameDimension(causes.get(j), causes.get(k))) {
                        add(keys, List.of(causes.get(i), causes.get(j), causes.get(k)));
                    }
                }
            }
        }
        return keys;
    }

    /** The key of these labels as a pattern (a single label or family is its own key). */
    public static String keyOf(Collection<String> labels) {
        return String.join(JOIN, new TreeSet<>(labels));
    }

    /** The labels (or family) a key is made of. */
    public static List<String> labelsOf(String key) {
        return List.of(key.split("\\" + JOIN));
    }

    static boolean isCause(String label) {
        return !label.startsWith("response:") && !label.startsWith("impact:");
    }

    static String dimension(String label) {
        int colon = label.indexOf(':');
        return colon < 0 ? label : label.substring(0, colon);
    }

    private static boolean sameDimension(String a, String b) {
        return dimension(a).equals(dimension(b));
    }

    private static void add(Map<String, Key> keys, List<String> labels) {
        List<String> copy = new ArrayList<>(labels);
        keys.put(String.join(JOIN, copy), new Key(String.join(JOIN, copy), Kind.COMBINATION, List.copyOf(copy)));
    }
}
