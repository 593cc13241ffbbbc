package dev.faultline.query;

import dev.faultline.api.query.ParkedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The projections as operations and read-your-writes see them: each one's processor state, its
 * parked events with retry and skip, waiting for a position, replay. Implemented by the
 * infrastructure that runs the processors (infra.axon.ProjectionMonitor); the web and the read
 * models depend on this port only.
 */
public interface Projections {

    /** The projections, each fed by the event processor of the same name. */
    List<String> NAMES = List.of(dev.faultline.query.catalogue.IncidentCatalogueProjection.GROUP,
            dev.faultline.query.search.SearchProjection.GROUP, dev.faultline.query.pattern.PatternProjection.GROUP);

    /**
     * One processor: whether it runs, whether it is failing, the global position it has read up to
     * ({@code read}: its token) and the one it has written up to ({@code position}: every event up
     * to it is in the read model; behind {@code read} while the search index defers a write).
     */
    record ProcessorState(String name, boolean running, boolean failing, String error, OptionalLong position,
                          OptionalLong read) {
    }

    ProcessorState state(String projection);

    /** This node's id, as its per-node processors and its token claims name it. */
    String node();

    /** Whether each node runs its own processor for this projection (its read model lives on the node). */
    boolean perNode(String projection);

    /** Every processor (token segment) of the projection recorded in the store, this node's and the others'. */
    List<dev.faultline.api.query.ProjectionStatus.Processor> processors(String projection);

    List<ParkedEvent> parked(String projection);

    /** Retries one parked event: empty if there is no such event, else whether it now applied. */
    Optional<Boolean> retry(String projection, String eventId);

    /** Drops one parked event: empty if there is no such event. */
    Optional<Boolean> skip(String projection, String eventId);

    /** Waits until the projection has written the event at {@code position} or later, at most {@code timeout}. */
    boolean awaitPosition(String projection, long position, Duration timeout) throws InterruptedException;

    /** Replays a projection kept in PostgreSQL from the first event, in the background. */
    void replay(String projection);
}
