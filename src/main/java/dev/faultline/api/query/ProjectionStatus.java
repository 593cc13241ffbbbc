package dev.faultline.api.query;

import java.time.Duration;
import java.util.List;

/**
 * A projection (read model fed from the event store): its state, the global position it has
 * written up to, the store's newest position and the difference ({@code lag}, what a
 * {@code minPosition} read may wait for). The lag splits in two: {@code unread}, events the
 * projection has not read yet, and {@code deferred}, events it has read whose write is waiting
 * (the search index defers re-indexing a busy incident; after a bulk import most of a large lag is
 * deferred work, not a stalled projection). {@code parked} are the events it could not apply
 * (state DEGRADED while there are any); {@code rebuild} is the current or last rebuild, null when
 * there was none.
 * <p>Several nodes may share one store. {@code node} is the node that answered: the state, position
 * and parked events are its own when {@code perNode} (the search and patterns indexes live on each
 * node, fed by one processor per node), and the shared processor's as this node sees it otherwise.
 * {@code processors} lists every processor of the projection recorded in the store, with the node
 * that claims it ({@code owner}, null when none does: that node has stopped) and its position.
 */
public record ProjectionStatus(String name, State state, Long position, long head, Long lag, Long unread,
                               Long deferred, List<ParkedEvent> parked, Rebuild rebuild, String node, boolean perNode,
                               List<Processor> processors) {

    /** One processor (one token segment) of the projection as recorded in the store's token table. */
    public record Processor(String name, int segment, String owner, Long position, Long lag, String updatedAt) {
    }

    public enum State {
        /** Applying every event. */
        LIVE,
        /** Going on past events it could not apply, which are parked (see {@code parked}). */
        DEGRADED,
        REBUILDING,
        FAILED,
        STOPPED
    }

    /** Events processed of the total, speed and estimated time left (ISO-8601 duration). */
    public record Rebuild(boolean running, String reason, long processed, long total, long eventsPerSecond,
                          Duration eta, String startedAt, String finishedAt, String error) {
    }
}
