package dev.faultline.query.pattern;

import dev.faultline.taxonomy.Taxonomy;
import dev.faultline.api.value.RemediationStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import dev.faultline.api.query.PatternSummary;
import org.roaringbitmap.RoaringBitmap;

/**
 * The facts of every incident (as known at one time) and, for each pattern, which incidents are in
 * it and in how many of them each organization appears. Kept up to date one incident at a time
 * ({@link #put}): a change touches only the patterns the incident leaves or joins. Incidents are
 * numbered in arrival order; a pattern's members are a compressed bitmap of those numbers.
 */
public final class PatternIndex {

    /** A pattern with its members. */
    public static final class Entry {
        final PatternKeys.Key key;
        final RoaringBitmap members = new RoaringBitmap();
        final Map<String, Integer> organizations = new HashMap<>();
        /** The summary of all its members, computed on first read and dropped when a member joins, leaves or changes. */
        volatile PatternSummary summary;

        Entry(PatternKeys.Key key) {
            this.key = key;
        }

        public PatternKeys.Key key() {
            return key;
        }

        public RoaringBitmap members() {
            return members;
        }

        public int organizationCount() {
            return organizations.size();
        }
    }

    /** A remediation action beside its incident. */
    public record ActionOf(IncidentFacts incident, IncidentFacts.Action action) {

        /** The board's order: soonest due first (undated last), then the most recent incident, then ids. */
        static final Comparator<ActionOf> ORDER = Comparator
                .comparing((ActionOf o) -> o.action().dueDate(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(o -> o.incident().startedAt(), Comparator.reverseOrder())
                .thenComparing(o -> o.incident().id()).thenComparing(o -> o.action().id());

        /** Open with a due date: neither done nor abandoned. */
        static boolean openDated(IncidentFacts.Action a) {
            return a.dueDate() != null && a.status() != RemediationStatus.DONE && a.status() != RemediationStatus.ABANDONED;
        }

        boolean overdueOn(java.time.LocalDate today) {
            return openDated(action) && action.dueDate().isBefore(today);
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Open dated actions in the board's order: the overdue ones are a prefix, read without a pass over every incident. */
    private final NavigableSet<ActionOf> openDated = new TreeSet<>(ActionOf.ORDER);
    /** Per due day (epoch day), how many open actions are due then, per status (ordinal): the overdue counts without a pass. */
    private final java.util.NavigableMap<Long, long[]> openDueCounts = new java.util.TreeMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<IncidentFacts> facts = new ArrayList<>();
    private final List<Collection<String>> keysOf = new ArrayList<>();
    private final Map<String, Entry> entries = new HashMap<>();
    /** A number per organization name, and each incident's: distinct organizations are counted over an array. */
    private final Map<String, Integer> organizationIds = new HashMap<>();
    private final List<String> organizationNames = new ArrayList<>();
    private int[] organizationOf = new int[1024];
    /** What a pattern summary reads of each incident, by number, in arrays: a summary walks members without their objects. */
    private final Columns columns = new Columns();
    private final Map<String, Set<String>> linkedFrom = new HashMap<>();
    private Taxonomy taxonomy;

    public PatternIndex(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public static PatternIndex of(Collection<IncidentFacts> all, Taxonomy taxonomy) {
        PatternIndex index = new PatternIndex(taxonomy);
        all.forEach(index::put);
        return index;
    }

    /** Adds the incident, or replaces what was known of it (unless what is here was known later). */
    public void put(IncidentFacts next) {
        lock.writeLock().lock();
        try {
            Integer number = numbers.get(next.id());
            if (number != null && facts.get(number).knownFrom().isAfter(next.knownFrom())) {
                return; // older than what is here (read before a newer batch committed)
            }
            if (number == null) {
                number = facts.size();
                numbers.put(next.id(), number);
                facts.add(null);
                keysOf.add(List.of());
            } else {
                remove(number);
            }
            facts.set(number, next);
            if (number >= organizationOf.length) {
                organizationOf = java.util.Arrays.copyOf(organizationOf, Math.max(number + 1, organizationOf.length * 2));
            }
            organizationOf[number] = organizationIds.computeIfAbsent(next.organization(), o -> {
                organizationNames.add(o);
                return organizationNames.size() - 1;
            });
            columns.set(number, next);
            for (IncidentFacts.Action a : next.actions()) {
                if (ActionOf.openDated(a)) {
                    openDated.add(new ActionOf(next, a));
                    openDueCounts.computeIfAbsent(a.dueDate().toEpochDay(),
                            d -> new long[RemediationStatus.values().length])[a.status().ordinal()]++;
                }
            }
            for (String target : next.links()) {
                linkedFrom.computeIfAbsent(target, t -> new HashSet<>()).add(next.id());
            }
            Map<String, PatternKeys.Key> keys = PatternKeys.of(canonical(next.labels().keySet()), taxonomy);
            for (PatternKeys.Key key : keys.values()) {
                Entry entry = entries.computeIfAbsent(key.key(), k -> new Entry(key));
                entry.members.add(number);
                entry.summary = null;
                entry.organizations.merge(next.organization(), 1, Integer::sum);
            }
            keysOf.set(number, List.copyOf(keys.keySet()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Recomputes every incident's patterns under a changed taxonomy (a label renamed, or given a family). */
    public void use(Taxonomy changed) {
        lock.writeLock().lock();
        try {
            taxonomy = changed;
            List<IncidentFacts> all = List.copyOf(facts);
            numbers.clear();
            facts.clear();
            keysOf.clear();
            entries.clear();
            linkedFrom.clear();
            openDated.clear();
            openDueCounts.clear();
            organizationIds.clear();
            organizationNames.clear();
            all.forEach(this::put);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            numbers.clear();
            facts.clear();
            keysOf.clear();
            entries.clear();
            linkedFrom.clear();
            openDated.clear();
            openDueCounts.clear();
            organizationIds.clear();
            organizationNames.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs a read against a consistent state. */
    public <T> T read(Function<PatternIndex, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    // what reads may use (under read())

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Entry entry(String key) {
        return entries.get(key);
    }

    public int size() {
        return facts.size();
    }

    public IncidentFacts facts(int number) {
        return facts.get(number);
    }

    /** The incident's number, or null. */
    public Integer number(String id) {
        return numbers.get(id);
    }

    /** The incidents whose explicit links point at this one. */
    public Set<String> linkedTo(String id) {
        return linkedFrom.getOrDefault(id, Set.of());
    }

    public IncidentFacts facts(String id) {
        Integer number = numbers.get(id);
        return number == null ? null : facts.get(number);
    }

    public List<IncidentFacts> all() {
        return facts;
    }

    /** How many distinct organization names have been seen (numbers 0 to this, exclusive). */
    public int organizationNumbers() {
        return organizationIds.size();
    }

    /** The name of an organization number. */
    public String organizationName(int organization) {
        return organizationNames.get(organization);
    }

    public Columns columns() {
        return columns;
    }

    /** The number of the incident's organization. */
    public int organizationOf(int number) {
        return organizationOf[number];
    }

    /** Open actions with a due date, soonest first (the board's order). */
    public NavigableSet<ActionOf> openDated() {
        return openDated;
    }

    /** Per due day (epoch day, ascending), the number of open actions due then, per status ordinal. */
    public java.util.NavigableMap<Long, long[]> openDueCounts() {
        return openDueCounts;
    }

    /** The pattern keys of an incident. */
    public Collection<String> keysOf(String id) {
        Integer number = numbers.get(id);
        return number == null ? List.of() : keysOf.get(number);
    }

    /** The labels of an incident under the current taxonomy (renamed labels under their new names). */
    public List<String> canonical(Collection<String> labels) {
        return labels.stream().map(taxonomy::canonical).distinct().toList();
    }

    private void remove(int number) {
        IncidentFacts old = facts.get(number);
        for (IncidentFacts.Action a : old.actions()) {
            if (ActionOf.openDated(a)) {
                openDated.remove(new ActionOf(old, a));
                long[] counts = openDueCounts.get(a.dueDate().toEpochDay());
                counts[a.status().ordinal()]--;
                if (java.util.Arrays.stream(counts).allMatch(n -> n == 0)) {
                    openDueCounts.remove(a.dueDate().toEpochDay());
                }
            }
        }
        for (String target : old.links()) {
            Set<String> sources = linkedFrom.get(target);
            if (sources != null && sources.remove(old.id()) && sources.isEmpty()) {
                linkedFrom.remove(target);
            }
        }
        for (String key : keysOf.get(number)) {
            Entry entry = entries.get(key);
            entry.members.remove(number);
            entry.summary = null;
            entry.organizations.computeIfPresent(old.organization(), (o, n) -> n == 1 ? null : n - 1);
            if (entry.members.isEmpty()) {
                entries.remove(key);
            }
        }
    }

    /** Per incident number: start, year, durations (unknown = {@link #UNKNOWN}) and action counts. */
    public static final class Columns {
        public static final long UNKNOWN = Long.MIN_VALUE;
        long[] startSeconds = new long[0];
        int[] startNanos = new int[0];
        int[] year = new int[0];
        long[] detect = new long[0];
        long[] mitigate = new long[0];
        long[] duration = new long[0];
        int[] proposed = new int[0];
        int[] done = new int[0];
        int[] abandoned = new int[0];

        void set(int number, IncidentFacts f) {
            if (number >= year.length) {
                int size = Math.max(number + 1, Math.max(1024, year.length * 2));
                startSeconds = java.util.Arrays.copyOf(startSeconds, size);
                startNanos = java.util.Arrays.copyOf(startNanos, size);
                year = java.util.Arrays.copyOf(year, size);
                detect = java.util.Arrays.copyOf(detect, size);
                mitigate = java.util.Arrays.copyOf(mitigate, size);
                duration = java.util.Arrays.copyOf(duration, size);
                proposed = java.util.Arrays.copyOf(proposed, size);
                done = java.util.Arrays.copyOf(done, size);
                abandoned = java.util.Arrays.copyOf(abandoned, size);
            }
            startSeconds[number] = f.startedAt().getEpochSecond();
            startNanos[number] = f.startedAt().getNano();
            year[number] = f.startedAt().atZone(java.time.ZoneOffset.UTC).getYear();
            detect[number] = f.detectSeconds() == null ? UNKNOWN : f.detectSeconds();
            mitigate[number] = f.mitigateSeconds() == null ? UNKNOWN : f.mitigateSeconds();
            duration[number] = f.durationSeconds() == null ? UNKNOWN : f.durationSeconds();
            proposed[number] = f.actions().size();
            done[number] = (int) f.actions().stream().filter(a -> a.status() == RemediationStatus.DONE).count();
            abandoned[number] = (int) f.actions().stream().filter(a -> a.status() == RemediationStatus.ABANDONED).count();
        }

        /** Whether incident {@code a} started before incident {@code b}. */
        boolean startedBefore(int a, int b) {
            return startSeconds[a] < startSeconds[b] || (startSeconds[a] == startSeconds[b] && startNanos[a] < startNanos[b]);
        }

        /** Whether incident {@code n} started before {@code t}. */
        boolean startedBefore(int n, java.time.Instant t) {
            return startSeconds[n] < t.getEpochSecond() || (startSeconds[n] == t.getEpochSecond() && startNanos[n] < t.getNano());
        }

        java.time.Instant startedAt(int number) {
            return java.time.Instant.ofEpochSecond(startSeconds[number], startNanos[number]);
        }
    }
}
