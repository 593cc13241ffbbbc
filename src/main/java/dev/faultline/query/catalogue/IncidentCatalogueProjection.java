package dev.faultline.query.catalogue;

import dev.faultline.api.event.IncidentDeclared;
import dev.faultline.api.event.IncidentDetailsRevised;
import dev.faultline.api.event.IncidentResolved;
import dev.faultline.api.event.TimelineEntryCorrected;
import dev.faultline.api.event.TimelineEntryRecorded;
import dev.faultline.api.event.TimelineEntryRetracted;
import dev.faultline.api.query.IncidentView;
import dev.faultline.api.value.EntryKind;
import dev.faultline.query.detail.IncidentDetails;
import dev.faultline.api.query.FindIncidents;
import dev.faultline.api.query.IncidentSummary;
import dev.faultline.api.query.Page;
import dev.faultline.api.value.IncidentStatus;
import dev.faultline.api.value.Severity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The incident catalogue: one row per incident in {@code incident_catalogue}, for listing with
 * filters, order and paging. Fed by a tracking processor, it handles only the events that change
 * a summary (the others are skipped without being deserialized); every update is guarded by the
 * event's sequence number, so replaying or redelivering events changes nothing.
 */
@ApplicationScoped
@ProcessingGroup(IncidentCatalogueProjection.GROUP)
public class IncidentCatalogueProjection {

    public static final String GROUP = "catalogue";

    private final AgroalDataSource dataSource;
    private final ConnectionProvider transactional;
    private final IncidentDetails details;

    IncidentCatalogueProjection(AgroalDataSource dataSource, ConnectionProvider transactional, IncidentDetails details) {
        this.dataSource = dataSource;
        this.transactional = transactional;
        this.details = details;
    }

    @EventHandler
    void on(IncidentDeclared e, @SequenceNumber long sequence) throws SQLException {
        update("""
                INSERT INTO incident_catalogue (incident_id, title, organization, severity, status, started_at, version)
                VALUES (?, ?, ?, ?, 'ONGOING', ?, ?) ON CONFLICT (incident_id) DO NOTHING""",
                e.incidentId(), e.title(), e.organization(), e.severity().name(), ts(e.startedAt()), sequence);
    }

    @EventHandler
    void on(IncidentDetailsRevised e, @SequenceNumber long sequence) throws SQLException {
        update("""
                UPDATE incident_catalogue SET title = coalesce(?, title), organization = coalesce(?, organization),
                       severity = coalesce(?, severity), started_at = coalesce(?, started_at), version = ?
                 WHERE incident_id = ? AND version < ?""",
                e.title(), e.organization(), e.severity() == null ? null : e.severity().name(),
                ts(e.startedAt()), sequence, e.incidentId(), sequence);
    }

    @EventHandler
    void on(IncidentResolved e, @SequenceNumber long sequence) throws SQLException {
        if (e.resolvedAt() == null) {
            refold(e.incidentId(), sequence); // over, end unknown: a RESOLUTION entry may still give the end
            return;
        }
        update("""
                UPDATE incident_catalogue SET status = 'RESOLVED', resolved_at = ?, version = ?
                 WHERE incident_id = ? AND version < ?""",
                ts(e.resolvedAt()), sequence, e.incidentId(), sequence);
    }

    /**
     * A RESOLUTION entry resolves the incident too (status follows the facts); the resolution's own time,
     * or the first entry's, stays. Later entries, corrections and retractions are rare: the incident is
     * folded again from its events to set status and end exactly.
     */
    @EventHandler
    void on(TimelineEntryRecorded e, @SequenceNumber long sequence) throws SQLException {
        if (e.kind() == EntryKind.RESOLUTION) {
            update("""
                    UPDATE incident_catalogue SET status = 'RESOLVED', resolved_at = coalesce(resolved_at, ?), version = ?
                     WHERE incident_id = ? AND version < ?""",
                    ts(e.at()), sequence, e.incidentId(), sequence);
        }
    }

    @EventHandler
    void on(TimelineEntryCorrected e, @SequenceNumber long sequence) throws SQLException {
        refold(e.incidentId(), sequence);
    }

    @EventHandler
    void on(TimelineEntryRetracted e, @SequenceNumber long sequence) throws SQLException {
        refold(e.incidentId(), sequence);
    }

    private void refold(String incidentId, long sequence) throws SQLException {
        IncidentView view = details.find(incidentId, null, null).orElse(null);
        if (view != null) {
            update("""
                    UPDATE incident_catalogue SET status = ?, resolved_at = ?, version = ?
                     WHERE incident_id = ? AND version < ?""",
                    view.status().name(), ts(view.derived().resolvedAt()), sequence, incidentId, sequence);
        }
    }

    /** One page of incidents matching the filters. */
    public Page<IncidentSummary> find(FindIncidents query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.organization() != null) {
            where.append(" AND lower(organization) = lower(?)");
            args.add(query.organization());
        }
        if (query.severity() != null) {
            where.append(" AND severity = ?");
            args.add(query.severity().name());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            args.add(query.status().name());
        }
        if (query.from() != null) {
            where.append(" AND started_at >= ?");
            args.add(ts(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND started_at < ?");
            args.add(ts(query.to()));
        }
        String direction = query.sort().descending() ? " DESC" : "";
        String order = switch (query.sort().field()) {
            case STARTED_AT -> "started_at" + direction + ", incident_id";
            case TITLE -> "lower(title)" + direction + ", incident_id";
            case ORGANIZATION -> "lower(organization)" + direction + ", started_at DESC, incident_id";
            case SEVERITY -> "severity" + direction + ", started_at DESC, incident_id";
        };
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = prepare(connection, "SELECT count(*) FROM incident_catalogue" + where, args);
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(query.size());
            pageArgs.add((long) query.page() * query.size());
            List<IncidentSummary> items;
            try (PreparedStatement select = prepare(connection, SUMMARY + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", pageArgs)) {
                items = summaries(select);
            }
            return new Page<>(total, query.page(), query.size(), items);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list incidents", e);
        }
    }

    private static final String SUMMARY = """
            SELECT incident_id, title, organization, severity, status, started_at, resolved_at, version
              FROM incident_catalogue""";

    /**
     * The summaries of these incidents, in this order (a page that the search index chose); an id the
     * catalogue does not hold yet is left out.
     */
    public List<IncidentSummary> summaries(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SUMMARY + " WHERE incident_id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            java.util.Map<String, IncidentSummary> byId = new java.util.HashMap<>();
            summaries(select).forEach(s -> byId.put(s.id(), s));
            return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list incidents", e);
        }
    }

    private static List<IncidentSummary> summaries(PreparedStatement select) throws SQLException {
        List<IncidentSummary> items = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                items.add(new IncidentSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        Severity.valueOf(rs.getString(4)), IncidentStatus.valueOf(rs.getString(5)),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
            }
        }
        return items;
    }

    /**
     * Runs in the processor's transaction: the row commits together with the processor's token. A
     * statement that fails rolls back to its savepoint, so the transaction stays usable: PostgreSQL
     * refuses every later statement of a transaction with a failed one, and the failing event has to
     * be parked (deadletterentry) in this same transaction, with the rest of the batch applied.
     */
    private void update(String sql, Object... args) throws SQLException {
        try (Connection connection = transactional.getConnection()) {
            Savepoint beforeStatement = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (PreparedStatement statement = prepare(connection, sql, Arrays.asList(args))) {
                statement.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                if (beforeStatement != null) {
                    connection.rollback(beforeStatement);
                }
                throw e;
            }
            if (beforeStatement != null) {
                connection.releaseSavepoint(beforeStatement);
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
        return statement;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
