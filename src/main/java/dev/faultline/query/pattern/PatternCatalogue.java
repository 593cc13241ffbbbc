package dev.faultline.query.pattern;

import dev.faultline.api.query.CatalogueStats;
import dev.faultline.api.query.Page;
import dev.faultline.api.query.PatternDetail;
import dev.faultline.api.query.PatternSummary;
import dev.faultline.api.query.Recurrence;
import dev.faultline.api.query.RemediationBoard;
import dev.faultline.taxonomy.Taxonomy;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query surface of recurring patterns, recurrence checks, the action board and catalogue
 * statistics. The current state is a {@link PatternIndex} in memory, loaded from
 * {@code incident_facts} on first use and kept up to date by {@link PatternProjection}; a state as
 * known at an earlier time is loaded from the same table for that request (its work grows with the
 * catalogue, like a rebuild: docs/decisions.md).
 */
@ApplicationScoped
public class PatternCatalogue {

    /** How many incidents /api/recurrences examines at most, newest first, to fill a page. */
    static final int RECURRENCE_SCAN = 5_000;
    /** How many pairs of one incident /api/recurrences considers, the strongest first. */
    static final int PAIRS_PER_INCIDENT = 20;

    private final AgroalDataSource dataSource;
    private volatile PatternIndex current;

    PatternCatalogue(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<PatternSummary> patterns(PatternQueries.Filter filter, PatternQueries.Sort sort, int page, int size,
                                         Instant knownAt) {
        return at(knownAt, index -> PatternQueries.list(index, filter, sort, page, size));
    }

    public Optional<PatternDetail> pattern(String key, Instant knownAt, int page, int size) {
        return at(knownAt, index -> PatternQueries.detail(index, key, knownAt, page, size));
    }

    /** Empty when the incident is unknown (at {@code knownAt}). */
    public Optional<Page<Recurrence>> recurrence(String incidentId, Instant knownAt, int page, int size) {
        return at(knownAt, index -> Optional.ofNullable(index.facts(incidentId))
                .map(f -> Recurrences.of(index, f, page, size)));
    }

    /**
     * Recurrence pairs across the catalogue, the latest incident first (each with its
     * {@value #PAIRS_PER_INCIDENT} strongest pairs), filtered by organization (either side) and verdict.
     * The scan stops once the page is full: {@code total} counts the pairs found up to there.
     */
    public Page<Recurrence> recurrences(String organization, Recurrence.Verdict verdict, int page, int size) {
        return at(null, index -> {
            List<IncidentFacts> newest = new ArrayList<>(index.all());
            newest.sort(Comparator.comparing(IncidentFacts::startedAt).reversed().thenComparing(IncidentFacts::id));
            List<Recurrence> found = new ArrayList<>();
            int wanted = (page + 1) * size;
            int scanned = 0;
            for (IncidentFacts later : newest) {
                if (found.size() > wanted || scanned++ >= RECURRENCE_SCAN) {
                    break;
                }
                for (Recurrence r : Recurrences.of(index, later, 0, PAIRS_PER_INCIDENT).items()) {
                    boolean organizationMatches = organization == null
                            || organization.equalsIgnoreCase(r.later().organization())
                            || organization.equalsIgnoreCase(r.earlier().organization());
                    if (organizationMatches && (verdict == null || r.verdict() == verdict)) {
                        found.add(r);
                    }
                }
            }
            int from = Math.min(found.size(), page * size);
            return new Page<>(found.size(), page, size, List.copyOf(found.subList(from, Math.min(found.size(), from + size))));
        });
    }

    public RemediationBoard remediations(ActionBoard.Filter filter, LocalDate today, int page, int size) {
        return at(null, index -> ActionBoard.find(index, filter, today, page, size));
    }

    public CatalogueStats stats(Instant knownAt) {
        return at(knownAt, CatalogueStatistics::of);
    }

    void put(IncidentFacts facts) {
        PatternIndex index = loaded();
        if (index != null) {
            index.put(facts);
        }
    }

    void clear() {
        PatternIndex index = loaded();
        if (index != null) {
            index.clear();
        }
    }

    /** The index, after a load in progress; null when none was loaded (a load will read the table). */
    private PatternIndex loaded() {
        PatternIndex index = current;
        if (index == null) {
            synchronized (this) {
                index = current;
            }
        }
        return index;
    }

    private <T> T at(Instant knownAt, Function<PatternIndex, T> query) {
        if (knownAt != null) {
            return query.apply(PatternIndex.of(load(knownAt), Taxonomy.current()));
        }
        PatternIndex index = current();
        if (index.taxonomy() != Taxonomy.current()) {
            index.use(Taxonomy.current());
        }
        return index.read(query);
    }

    /**
     * The index of what is known now, loaded from {@code incident_facts} on first use. Readers wait for
     * the load; facts the projection commits meanwhile wait too and are put after it (a put of facts
     * the load already read is ignored: it is not newer).
     */
    private PatternIndex current() {
        PatternIndex index = current;
        if (index == null) {
            synchronized (this) {
                index = current;
                if (index == null) {
                    index = PatternIndex.of(load(null), Taxonomy.current());
                    current = index;
                }
            }
        }
        return index;
    }

    /** Loads the index in the background at start, so the first request does not wait for it. */
    void warm(@Observes StartupEvent start) {
        Thread loader = new Thread(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                org.jboss.logging.Logger.getLogger(PatternCatalogue.class).warn("patterns not loaded at start; the first request will", e);
            }
        }, "patterns-load");
        loader.setDaemon(true);
        loader.start();
    }

    /** The newest facts of each incident known by {@code knownAt} (null: now). */
    private List<IncidentFacts> load(Instant knownAt) {
        List<IncidentFacts> facts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT DISTINCT ON (incident_id) facts FROM incident_facts WHERE known_from <= ?
                      ORDER BY incident_id, known_from DESC""")) {
            select.setTimestamp(1, Timestamp.from(knownAt == null ? Instant.parse("9999-12-31T00:00:00Z") : knownAt));
            select.setFetchSize(1_000);
            connection.setAutoCommit(false);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    facts.add(PatternProjection.JSON.readValue(rs.getString(1), IncidentFacts.class));
                }
            }
            connection.rollback();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read incident facts", e);
        }
        return facts;
    }
}
