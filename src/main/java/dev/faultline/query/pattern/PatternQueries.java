package dev.faultline.query.pattern;

import dev.faultline.api.query.Page;
import dev.faultline.api.query.PatternDetail;
import dev.faultline.api.query.PatternSummary;
import dev.faultline.api.value.RemediationStatus;
import dev.faultline.taxonomy.Taxonomy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/** Recurring patterns and one pattern's incidents, read from a {@link PatternIndex}. */
public final class PatternQueries {

    /** Most organization names a pattern summary lists (the most frequent first). */
    static final int NAMES_SHOWN = 20;

    private PatternQueries() {
    }

    /** What to list: each label must be in the pattern (a family matches its members); incidents filtered by organization and start. */
    public record Filter(Set<String> labels, Set<String> organizations, Instant from, Instant to, int minOrganizations) {

        boolean filtersIncidents() {
            return !organizations.isEmpty() || from != null || to != null;
        }
    }

    public enum Sort { ORGANIZATIONS, INCIDENTS, RECENT }

    private record Match(PatternIndex.Entry entry, RoaringBitmap members, int organizations, Instant lastSeen) {
    }

    static Page<PatternSummary> list(PatternIndex index, Filter filter, Sort sort, int page, int size) {
        RoaringBitmap subset = filter.filtersIncidents() ? subset(index, filter) : null;
        OrganizationCounter counter = subset == null ? null : new OrganizationCounter(index);
        List<Match> matches = new ArrayList<>();
        for (PatternIndex.Entry entry : index.entries()) {
            if (entry.organizationCount() < filter.minOrganizations() || !carries(entry.key(), filter.labels(), index.taxonomy())) {
                continue;
            }
            RoaringBitmap members = subset == null ? entry.members() : RoaringBitmap.and(entry.members(), subset);
            int organizations = subset == null ? entry.organizationCount() : counter.count(members);
            if (organizations >= filter.minOrganizations()) {
                matches.add(new Match(entry, members, organizations, sort != Sort.RECENT ? null
                        : subset == null ? summaryOf(index, entry).lastSeen() : lastSeen(index, members)));
            }
        }
        Comparator<Match> byKey = Comparator.comparing(m -> m.entry().key().key());
        Comparator<Match> order = switch (sort) {
            case ORGANIZATIONS -> Comparator.comparingInt(Match::organizations).reversed()
                    .thenComparing(Comparator.comparingInt((Match m) -> m.members().getCardinality()).reversed());
            case INCIDENTS -> Comparator.comparingInt((Match m) -> m.members().getCardinality()).reversed()
                    .thenComparing(Comparator.comparingInt(Match::organizations).reversed());
            case RECENT -> Comparator.comparing(Match::lastSeen, Comparator.reverseOrder());
        };
        matches.sort(order.thenComparing(byKey));
        int from = Math.min(matches.size(), page * size);
        List<PatternSummary> items = matches.subList(from, Math.min(matches.size(), from + size)).stream()
                .map(m -> subset == null ? summaryOf(index, m.entry()) : summary(index, m.entry().key(), m.members()))
                .toList();
        return new Page<>(matches.size(), page, size, items);
    }

    /** The pattern with one page of its incidents in time order. */
    static Optional<PatternDetail> detail(PatternIndex index, String key, Instant knownAt, int page, int size) {
        PatternIndex.Entry entry = index.entry(key);
        if (entry == null) {
            return Optional.empty();
        }
        Set<String> own = new HashSet<>(entry.key().labels());
        List<IncidentFacts> members = new ArrayList<>();
        entry.members().forEach((int n) -> members.add(index.facts(n)));
        members.sort(Comparator.comparing(IncidentFacts::startedAt).thenComparing(IncidentFacts::id));
        int from = Math.min(members.size(), page * size);
        List<PatternDetail.Member> incidents = members.subList(from, Math.min(members.size(), from + size)).stream().map(f -> {
            List<PatternDetail.Because> because = new ArrayList<>();
            f.labels().forEach((label, sentences) -> {
                String canonical = index.taxonomy().canonical(label);
                boolean inIt = own.contains(canonical)
                        || index.taxonomy().familyOf(canonical).map(own::contains).orElse(false);
                if (inIt) {
                    because.add(new PatternDetail.Because(canonical, sentences));
                }
            });
            List<PatternDetail.Action> actions = f.actions().stream().map(a -> new PatternDetail.Action(a.id(),
                    a.description(), a.type().name(), a.status().name(), a.owner(), a.dueDate())).toList();
            return new PatternDetail.Member(f.id(), f.title(), f.organization(), f.startedAt(), f.status().name(),
                    because, actions);
        }).toList();
        return Optional.of(new PatternDetail(summaryOf(index, entry), knownAt, page, size, incidents));
    }

    /** The summary of all the pattern's members, cached in its entry until a member changes. */
    static PatternSummary summaryOf(PatternIndex index, PatternIndex.Entry entry) {
        PatternSummary summary = entry.summary;
        if (summary == null) {
            summary = summary(index, entry.key(), entry.members());
            entry.summary = summary;
        }
        return summary;
    }

    static PatternSummary summary(PatternIndex index, PatternKeys.Key key, RoaringBitmap members) {
        PatternIndex.Columns c = index.columns();
        int size = members.getCardinality();
        int[] perOrganization = new int[index.organizationNumbers()];
        List<Integer> organizations = new ArrayList<>();
        TreeMap<Integer, Integer> perYear = new TreeMap<>();
        int first = -1;
        int last = -1;
        long[] detect = new long[size];
        long[] mitigate = new long[size];
        long[] duration = new long[size];
        int detected = 0;
        int mitigated = 0;
        int ended = 0;
        int proposed = 0;
        int done = 0;
        int abandoned = 0;
        for (org.roaringbitmap.IntIterator it = members.getIntIterator(); it.hasNext(); ) {
            int n = it.next();
            int organization = index.organizationOf(n);
            if (perOrganization[organization]++ == 0) {
                organizations.add(organization);
            }
            perYear.merge(c.year[n], 1, Integer::sum);
            first = first < 0 || c.startedBefore(n, first) ? n : first;
            last = last < 0 || c.startedBefore(last, n) ? n : last;
            if (c.detect[n] != PatternIndex.Columns.UNKNOWN) {
                detect[detected++] = c.detect[n];
            }
            if (c.mitigate[n] != PatternIndex.Columns.UNKNOWN) {
                mitigate[mitigated++] = c.mitigate[n];
            }
            if (c.duration[n] != PatternIndex.Columns.UNKNOWN) {
                duration[ended++] = c.duration[n];
            }
            proposed += c.proposed[n];
            done += c.done[n];
            abandoned += c.abandoned[n];
        }
        List<String> names = organizations.stream()
                .sorted(Comparator.comparingInt((Integer o) -> perOrganization[o]).reversed()
                        .thenComparing(index::organizationName))
                .limit(NAMES_SHOWN).map(index::organizationName).toList();
        return new PatternSummary(key.key(), key.kind().name(), key.labels(), size,
                organizations.size(), names, first < 0 ? null : c.startedAt(first), last < 0 ? null : c.startedAt(last),
                perYear.entrySet().stream().map(e -> new PatternSummary.YearCount(e.getKey(), e.getValue())).toList(),
                new PatternSummary.Durations(Percentiles.of(detect, detected), Percentiles.of(mitigate, mitigated),
                        Percentiles.of(duration, ended)),
                new PatternSummary.Remediation(proposed, proposed - done - abandoned, done, abandoned));
    }

    /** Whether the pattern carries each wanted label; a wanted family is carried by any of its members. */
    static boolean carries(PatternKeys.Key key, Set<String> wanted, Taxonomy taxonomy) {
        for (String label : wanted) {
            boolean carried = key.labels().contains(label)
                    || key.labels().stream().anyMatch(l -> taxonomy.familyOf(l).map(label::equals).orElse(false));
            if (!carried) {
                return false;
            }
        }
        return true;
    }

    /** The incidents the filter accepts, read from the index's columns (no pass over the facts objects). */
    private static RoaringBitmap subset(PatternIndex index, Filter filter) {
        boolean[] organizationWanted = null;
        if (!filter.organizations().isEmpty()) {
            organizationWanted = new boolean[index.organizationNumbers()];
            for (int o = 0; o < organizationWanted.length; o++) {
                String name = index.organizationName(o);
                organizationWanted[o] = filter.organizations().stream().anyMatch(name::equalsIgnoreCase);
            }
        }
        PatternIndex.Columns c = index.columns();
        RoaringBitmap subset = new RoaringBitmap();
        for (int n = 0, size = index.size(); n < size; n++) {
            if ((organizationWanted == null || organizationWanted[index.organizationOf(n)])
                    && (filter.from() == null || !c.startedBefore(n, filter.from()))
                    && (filter.to() == null || c.startedBefore(n, filter.to()))) {
                subset.add(n);
            }
        }
        return subset;
    }

    /** Counts the distinct organizations of member sets, with one array of marks for a whole request. */
    private static final class OrganizationCounter {
        private final PatternIndex index;
        private final int[] marks;
        private int mark;
        private int count;

        OrganizationCounter(PatternIndex index) {
            this.index = index;
            this.marks = new int[index.organizationNumbers()];
        }

        int count(RoaringBitmap members) {
            mark++;
            count = 0;
            members.forEach((int n) -> {
                int organization = index.organizationOf(n);
                if (marks[organization] != mark) {
                    marks[organization] = mark;
                    count++;
                }
            });
            return count;
        }
    }

    private static Instant lastSeen(PatternIndex index, RoaringBitmap members) {
        Instant last = Instant.MIN;
        for (int n : members) {
            Instant started = index.facts(n).startedAt();
            last = started.isAfter(last) ? started : last;
        }
        return last;
    }
}
