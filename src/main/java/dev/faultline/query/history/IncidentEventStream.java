package dev.faultline.query.history;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.faultline.api.event.IncidentEvent;
import dev.faultline.api.query.RecordedEvent;
import dev.faultline.api.command.Recording;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Reads one incident's own event stream, with each event's global position and metadata, for the
 * detail, history and as-of views. Events are immutable and append-only, so the stream read so
 * far is cached per incident and each read only asks PostgreSQL for events after the last one
 * seen: one indexed query that usually returns nothing. The cache is bounded (LRU).
 */
@ApplicationScoped
public class IncidentEventStream {

    private static final String READ_AFTER = """
            SELECT globalindex, sequencenumber, type, eventidentifier, timestamp, payloadtype, payloadrevision,
                   payload::text AS payload, metadata::text AS metadata
              FROM domainevententry
             WHERE aggregateidentifier = ? AND sequencenumber > ? AND type = 'Incident'
             ORDER BY sequencenumber""";

    private static final int CACHED_INCIDENTS = 2_000;

    private final AgroalDataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Map<String, List<RecordedEvent>> cache = Caffeine.newBuilder().maximumSize(CACHED_INCIDENTS).executor(Runnable::run).<String, List<RecordedEvent>>build().asMap();

    IncidentEventStream(AgroalDataSource dataSource, Serializer serializer, EventUpcaster upcasters) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** The incident's events in order, or empty if no incident has this id. */
    public Optional<List<RecordedEvent>> read(String incidentId) {
        List<RecordedEvent> known;
        synchronized (cache) {
            known = cache.getOrDefault(incidentId, List.of());
        }
        long after = known.isEmpty() ? -1 : known.get(known.size() - 1).sequence();
        List<RecordedEvent> newer = readAfter(incidentId, after);
        if (newer.isEmpty()) {
            return known.isEmpty() ? Optional.empty() : Optional.of(known);
        }
        List<RecordedEvent> all = new ArrayList<>(known.size() + newer.size());
        all.addAll(known);
        all.addAll(newer);
        List<RecordedEvent> stream = List.copyOf(all);
        synchronized (cache) {
            List<RecordedEvent> current = cache.get(incidentId);
            if (current == null || current.size() < stream.size()) {
                cache.put(incidentId, stream);
            }
        }
        return Optional.of(stream);
    }

    private List<RecordedEvent> readAfter(String incidentId, long afterSequence) {
        List<GenericDomainEventEntry<String>> rows = new ArrayList<>();
        Map<Long, Long> positions = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(READ_AFTER)) {
            statement.setString(1, incidentId);
            statement.setLong(2, afterSequence);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong("sequencenumber");
                    positions.put(sequence, rs.getLong("globalindex"));
                    rows.add(new GenericDomainEventEntry<>(rs.getString("type"), incidentId, sequence,
                            rs.getString("eventidentifier"), rs.getString("timestamp"), rs.getString("payloadtype"),
                            rs.getString("payloadrevision"), rs.getString("payload"), rs.getString("metadata")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read events of incident " + incidentId, e);
        }
        return recorded(rows, positions);
    }

    private List<RecordedEvent> recorded(List<GenericDomainEventEntry<String>> rows, Map<Long, Long> positions) {
        if (rows.isEmpty()) {
            return List.of();
        }
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                rows.stream(), serializer, upcasters);
        List<RecordedEvent> result = new ArrayList<>(rows.size());
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            result.add(new RecordedEvent(
                    message.getPayloadType().getSimpleName(),
                    message.getSequenceNumber(),
                    positions.getOrDefault(message.getSequenceNumber(), -1L),
                    message.getTimestamp(),
                    (String) message.getMetaData().get(Recording.ACTOR),
                    (String) message.getMetaData().get(Recording.VIA),
                    (String) message.getMetaData().get(Recording.CORRELATION_ID),
                    (IncidentEvent) message.getPayload()));
        }
        return result;
    }

    /** The global position of the event that gave an incident the given version, or -1. */
    public long positionOf(String incidentId, long version) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?")) {
            statement.setString(1, incidentId);
            statement.setLong(2, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the position of " + incidentId + "@" + version, e);
        }
    }

    /** Whether nothing at all has been recorded yet (a first start). */
    public boolean storeIsEmpty() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM domainevententry WHERE type = 'Incident' LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            return !rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
    }

    /** Every incident id, in the order the incidents were declared; streamed from the store. */
    public void forEachIncidentId(java.util.function.Consumer<String> sink) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // lets PostgreSQL stream with a cursor
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT aggregateidentifier FROM domainevententry WHERE sequencenumber = 0 AND type = 'Incident' ORDER BY globalindex")) {
                statement.setFetchSize(1_000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list incidents", e);
        }
    }

    /**
     * Every incident's whole event stream, one incident at a time (ordered by incident id), read
     * with a database cursor so memory stays flat whatever the store's size. For rebuilding
     * projections; {@code sink} receives the raw rows and decodes them with {@link #decode}, so
     * the costly part can run on other threads.
     */
    public void forEachIncident(java.util.function.Consumer<RawStream> sink) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT globalindex, sequencenumber, type, eventidentifier, timestamp, payloadtype, payloadrevision,
                           payload::text AS payload, metadata::text AS metadata, aggregateidentifier
                      FROM domainevententry
                     WHERE type = 'Incident'
                     ORDER BY aggregateidentifier, sequencenumber""")) {
                statement.setFetchSize(5_000);
                try (ResultSet rs = statement.executeQuery()) {
                    RawStream current = null;
                    while (rs.next()) {
                        String id = rs.getString("aggregateidentifier");
                        if (current == null || !current.incidentId.equals(id)) {
                            if (current != null) {
                                sink.accept(current);
                            }
                            current = new RawStream(id);
                        }
                        long sequence = rs.getLong("sequencenumber");
                        current.positions.put(sequence, rs.getLong("globalindex"));
                        current.rows.add(new GenericDomainEventEntry<>(rs.getString("type"), id, sequence,
                                rs.getString("eventidentifier"), rs.getString("timestamp"), rs.getString("payloadtype"),
                                rs.getString("payloadrevision"), rs.getString("payload"), rs.getString("metadata")));
                    }
                    if (current != null) {
                        sink.accept(current);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot stream the event store", e);
        }
    }

    /** The events of one incident as stored, not yet deserialized. */
    public static final class RawStream {
        private final String incidentId;
        private final List<GenericDomainEventEntry<String>> rows = new ArrayList<>();
        private final Map<Long, Long> positions = new HashMap<>();

        RawStream(String incidentId) {
            this.incidentId = incidentId;
        }

        public String incidentId() {
            return incidentId;
        }

        public int size() {
            return rows.size();
        }
    }

    /** Deserializes (and upcasts) a raw stream; thread-safe. */
    public List<RecordedEvent> decode(RawStream raw) {
        return recorded(raw.rows, raw.positions);
    }

    /** The global position of the newest event in the store, or -1 when it is empty. */
    public long head() {
        return single("SELECT coalesce(max(globalindex), -1) FROM domainevententry");
    }

    /** How many incident events the store holds. */
    public long count() {
        return single("SELECT count(*) FROM domainevententry WHERE type = 'Incident'");
    }

    /** The ids of incidents with events after the given global position. */
    public List<String> incidentsChangedAfter(long position) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT DISTINCT aggregateidentifier FROM domainevententry WHERE globalindex > ? AND type = 'Incident'")) {
            statement.setLong(1, position);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
        return ids;
    }

    private long single(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
    }
}
