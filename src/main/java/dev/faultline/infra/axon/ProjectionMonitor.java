package dev.faultline.infra.axon;

import dev.faultline.api.query.ParkedEvent;
import dev.faultline.query.Projections;
import java.util.Optional;
import dev.faultline.query.search.ReindexScheduler;
import dev.faultline.query.search.SearchProjection;
import jakarta.enterprise.context.ApplicationScoped;
import dev.faultline.api.query.ProjectionStatus;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SimpleSerializedObject;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/** What the streaming event processors (one per projection) are doing, for operations and read-your-writes. */
@ApplicationScoped
public class ProjectionMonitor implements Projections {

    private final AxonConfiguration axon;
    private final DeadLetterQueues deadLetters;
    private final ReindexScheduler search;
    private final ProcessorNames names;
    private final AgroalDataSource dataSource;

    ProjectionMonitor(AxonConfiguration axon, DeadLetterQueues deadLetters, ReindexScheduler search,
                      ProcessorNames names, AgroalDataSource dataSource) {
        this.names = names;
        this.dataSource = dataSource;
        this.axon = axon;
        this.deadLetters = deadLetters;
        this.search = search;
    }

    @Override
    public ProcessorState state(String processor) {
        TrackingEventProcessor tracking = processor(processor);
        Map<Integer, EventTrackerStatus> statuses = tracking.processingStatus();
        OptionalLong read = OptionalLong.empty();
        String error = null;
        for (EventTrackerStatus status : statuses.values()) {
            OptionalLong current = status.getCurrentPosition();
            if (current.isPresent() && (read.isEmpty() || current.getAsLong() < read.getAsLong())) {
                read = current;
            }
            if (status.isErrorState() && status.getError() != null) {
                error = status.getError().getMessage();
            }
        }
        // the token first: a write deferred for an event up to it was recorded before the token committed
        OptionalLong written = SearchProjection.GROUP.equals(processor) ? search.writtenUpTo(read) : read;
        return new ProcessorState(processor, tracking.isRunning(), tracking.isError() || error != null, error,
                written, read);
    }

    @Override
    public String node() {
        return names.node();
    }

    @Override
    public boolean perNode(String projection) {
        return names.perNode(projection);
    }

    /**
     * Read from the token table (a few rows per node): a per-node projection's processors are named
     * {@code projection@node}. A token the serializer cannot read shows without a position; the lag
     * is left to the caller, who knows the store's head.
     */
    @Override
    public List<ProjectionStatus.Processor> processors(String projection) {
        processor(projection); // an unknown name fails here (the names are constants, free of LIKE's wildcards)
        List<ProjectionStatus.Processor> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT processorname, segment, owner, token, tokentype, timestamp FROM tokenentry"
                             + " WHERE processorname = ? OR processorname LIKE ? ORDER BY processorname, segment")) {
            select.setString(1, projection);
            select.setString(2, projection + "@%");
            select.setMaxRows(1_000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OptionalLong position = position(rs.getBytes("token"), rs.getString("tokentype"));
                    found.add(new ProjectionStatus.Processor(rs.getString("processorname"), rs.getInt("segment"),
                            rs.getString("owner"), position.isPresent() ? position.getAsLong() : null, null,
                            rs.getString("timestamp")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the token table", e);
        }
        return found;
    }

    private static OptionalLong position(byte[] token, String type) {
        if (token == null || type == null) {
            return OptionalLong.empty();
        }
        try {
            TrackingToken tracking = EventSerialization.serializer().deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, type, null));
            return tracking == null ? OptionalLong.empty() : tracking.position();
        } catch (RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** The events this projection could not apply, with retry and skip. */
    private ParkedEvents parkedEvents(String projection) {
        processor(projection); // an unknown name fails here, not in the queue
        return new ParkedEvents(deadLetters.queue(projection), axon.deadLetterProcessor(projection));
    }

    /** How many events this projection has parked, without reading them. */
    long parkedCount(String projection) {
        return parkedEvents(projection).count();
    }

    @Override
    public List<ParkedEvent> parked(String projection) {
        return parkedEvents(projection).list();
    }

    @Override
    public Optional<Boolean> retry(String projection, String eventId) {
        return parkedEvents(projection).retry(eventId);
    }

    @Override
    public Optional<Boolean> skip(String projection, String eventId) {
        return parkedEvents(projection).skip(eventId);
    }

    /**
     * Waits until the projection has written the event at {@code position} (or later) to its read
     * model, at most {@code timeout}: for read-your-writes. Polls in-memory state, which is cheap.
     */
    @Override
    public boolean awaitPosition(String processor, long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OptionalLong reached = state(processor).position();
            boolean elsewhere = reached.isEmpty() && !perNode(processor);
            if (elsewhere) {
                // a shared processor another node runs: how far it wrote is in its token
                reached = sharedPosition(processor);
            }
            if (reached.isPresent() && reached.getAsLong() >= position) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(elsewhere ? 20 : 5);
        }
    }

    /** The lowest position of a shared processor's segments, from the token table; empty if one has none. */
    private OptionalLong sharedPosition(String projection) {
        OptionalLong lowest = OptionalLong.empty();
        for (ProjectionStatus.Processor segment : processors(projection)) {
            if (!segment.name().equals(projection)) {
                continue;
            }
            if (segment.position() == null) {
                return OptionalLong.empty();
            }
            if (lowest.isEmpty() || segment.position() < lowest.getAsLong()) {
                lowest = OptionalLong.of(segment.position());
            }
        }
        return lowest;
    }

    /**
     * Replays a projection that keeps its read model in PostgreSQL from the first event: stops its
     * processor, resets its token (its reset handler empties the read model) and starts it again,
     * which catches up in the background.
     */
    @Override
    public void replay(String processor) {
        TrackingEventProcessor tracking = processor(processor);
        tracking.shutDown();
        tracking.resetTokens();
        tracking.start();
    }

    private TrackingEventProcessor processor(String projection) {
        return axon.processor(projection);
    }
}
