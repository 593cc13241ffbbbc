package dev.faultline.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do. Each role includes the ones before it: a reader reads, searches and exports;
 * an editor also records facts and imports; an admin also manages templates, the taxonomy, the
 * projections and the API tokens.
 */
public enum Role {
    READER, EDITOR, ADMIN;

    /** The role names {@code @RolesAllowed} checks. */
    public static final String READ = "reader";
    public static final String EDIT = "editor";
    public static final String ADMINISTER = "admin";

    /** The lower-case name used in tokens, claims and {@code @RolesAllowed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes, as {@code @RolesAllowed} names. */
    public Set<String> granted() {
        return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::label)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
    }

    /** The highest of these role names, if any is one. */
    public static Optional<Role> highest(java.util.Collection<String> labels) {
        return labels.stream().map(Role::of).flatMap(Optional::stream).max(Enum::compareTo);
    }
}
