package dev.faultline.query.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.api.event.IncidentEvent;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.query.detail.IncidentFolder;
import dev.faultline.query.history.IncidentEventStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps {@code incident_facts} and the in-memory {@link PatternIndex} of {@link PatternCatalogue}:
 * for every incident an event of a batch touched, folds the incident as known at that batch's last
 * event of it, writes its facts in the processor's transaction, and once committed puts them in the
 * index — only that incident's patterns change. A reset (rebuild) empties both.
 */
@ApplicationScoped
@ProcessingGroup(PatternProjection.GROUP)
public class PatternProjection {

    public static final String GROUP = "patterns";
    private static final String BATCH = PatternProjection.class.getName() + ".batch";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final IncidentEventStream events;
    private final ConnectionProvider transactional;
    private final PatternCatalogue catalogue;

    PatternProjection(IncidentEventStream events, ConnectionProvider transactional, PatternCatalogue catalogue) {
        this.events = events;
        this.transactional = transactional;
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(IncidentEvent event, EventMessage<?> message) throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            write(Map.of(event.incidentId(), message.getTimestamp()));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Instant> touched = root.getOrComputeResource(BATCH, key -> {
            Map<String, Instant> batch = new LinkedHashMap<>();
            root.onPrepareCommit(u -> {
                try {
                    List<IncidentFacts> written = write(batch);
                    u.afterCommit(after -> written.forEach(catalogue::put));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write incident facts", e);
                }
            });
            return batch;
        });
        touched.merge(event.incidentId(), message.getTimestamp(), (a, b) -> a.isAfter(b) ? a : b);
    }

    @ResetHandler
    void reset() throws SQLException {
        try (Connection connection = transactional.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("TRUNCATE incident_facts");
        }
        catalogue.clear();
    }

    /** Folds each incident as known at its time and stores the facts; returns them. */
    private List<IncidentFacts> write(Map<String, Instant> touched) throws SQLException {
        List<IncidentFacts> written = new ArrayList<>(touched.size());
        try (Connection connection = transactional.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO incident_facts (incident_id, known_from, facts) VALUES (?, ?, ?::jsonb)
                     ON CONFLICT (incident_id, known_from) DO UPDATE SET facts = excluded.facts""")) {
            // in incident order: nodes writing the same rows at once lock them in one order (no deadlock)
            for (Map.Entry<String, Instant> incident : new java.util.TreeMap<>(touched).entrySet()) {
                Instant knownAt = incident.getValue();
                List<RecordedEvent> known = events.read(incident.getKey()).orElse(List.of()).stream()
                        .filter(e -> !e.recordedAt().isAfter(knownAt)).toList();
                var view = IncidentFolder.fold(known, null, null);
                if (view.isEmpty()) {
                    continue;
                }
                IncidentFacts facts = IncidentFacts.of(view.get(), known);
                insert.setString(1, facts.id());
                insert.setTimestamp(2, Timestamp.from(knownAt));
                insert.setString(3, JSON.writeValueAsString(facts));
                insert.addBatch();
                written.add(facts);
            }
            insert.executeBatch();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize incident facts", e);
        }
        return written;
    }
}
