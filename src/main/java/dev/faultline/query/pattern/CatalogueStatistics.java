package dev.faultline.query.pattern;

import dev.faultline.api.query.CatalogueStats;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.PatternSummary;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Figures over the catalogue: counts, duration distributions, and how root causes settled. */
final class CatalogueStatistics {

    static final int ORGANIZATIONS_SHOWN = 30;
    static final int PATTERNS_SHOWN = 20;

    private CatalogueStatistics() {
    }

    static CatalogueStats of(PatternIndex index) {
        Map<Integer, Integer> perYear = new TreeMap<>();
        Map<String, Integer> perSeverity = new TreeMap<>();
        Map<String, Integer> perOrganization = new HashMap<>();
        Map<String, Percentiles.Values[]> bySeverity = new TreeMap<>();
        Percentiles.Values settle = new Percentiles.Values();
        int withCause = 0;
        int revised = 0;
        int ruledOut = 0;
        for (IncidentFacts f : index.all()) {
            perYear.merge(f.startedAt().atZone(ZoneOffset.UTC).getYear(), 1, Integer::sum);
            perSeverity.merge(f.severity().name(), 1, Integer::sum);
            perOrganization.merge(f.organization(), 1, Integer::sum);
            Percentiles.Values[] d = bySeverity.computeIfAbsent(f.severity().name(),
                    s -> new Percentiles.Values[] {new Percentiles.Values(), new Percentiles.Values(), new Percentiles.Values()});
            d[0].add(f.detectSeconds());
            d[1].add(f.mitigateSeconds());
            d[2].add(f.durationSeconds());
            if (f.firstCauseRecordedAt() != null) {
                withCause++;
                revised += f.causeRevised() || f.firstHypothesisRuledOut() ? 1 : 0;
                ruledOut += f.firstHypothesisRuledOut() ? 1 : 0;
                if (f.endedAt() != null) {
                    settle.add(Math.max(0, Duration.between(f.endedAt(), f.firstCauseRecordedAt()).toSeconds()));
                }
            }
        }
        Map<String, PatternSummary.Durations> durations = new LinkedHashMap<>();
        bySeverity.forEach((severity, d) -> durations.put(severity,
                new PatternSummary.Durations(d[0].distribution(), d[1].distribution(), d[2].distribution())));
        Map<String, Integer> organizations = new LinkedHashMap<>();
        perOrganization.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(ORGANIZATIONS_SHOWN).forEach(e -> organizations.put(e.getKey(), e.getValue()));
        Page<PatternSummary> top = PatternQueries.list(index, new PatternQueries.Filter(java.util.Set.of(),
                java.util.Set.of(), null, null, 2), PatternQueries.Sort.ORGANIZATIONS, 0, PATTERNS_SHOWN);
        List<CatalogueStats.PatternDurations> byPattern = top.items().stream()
                .map(p -> new CatalogueStats.PatternDurations(p.key(), p.durations())).toList();
        return new CatalogueStats(index.size(), perYear, perSeverity, organizations, durations, byPattern,
                share(revised, withCause), share(ruledOut, withCause), settle.distribution());
    }

    private static CatalogueStats.Share share(int count, int of) {
        return new CatalogueStats.Share(count, of, of == 0 ? 0 : Math.round(1000.0 * count / of) / 1000.0);
    }
}
