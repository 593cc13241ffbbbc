package dev.faultline.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event source of the tracking processors: each processor reads the event store in batches on
 * its own stream and, once it has read everything, sleeps until this JVM commits new events (or a
 * short poll interval passes, for writers elsewhere). Nothing is cached between processors, so a
 * processor far behind — the search index during a bulk import — holds only its current batch.
 * <p>
 * Why not Axon's {@link EmbeddedEventStore} streams: their shared cache of recent events stayed
 * reachable from a processor that had fallen behind, and a 1 GB import held over 500,000 cached
 * events until the heap ran out (docs/decisions.md).
 */
public final class EventStoreTail implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** Longest sleep without a signal: bounds the delay for events written by another process. */
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /**
     * Shortest time between two queries of a reader that has caught up: under a steady stream of
     * small writes, each wake-up then reads a batch of commits instead of one query per commit.
     */
    private static final long MIN_QUERY_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventStorageEngine storage;
    private final Commits commits;
    private final long idlePollNanos;

    EventStoreTail(EventStorageEngine storage) {
        this(storage, new Commits(), IDLE_POLL);
    }

    private EventStoreTail(EventStorageEngine storage, Commits commits, Duration idlePoll) {
        this.storage = storage;
        this.commits = commits;
        this.idlePollNanos = idlePoll.toNanos();
    }

    /** An event store that wakes this tail's readers after every commit of events. */
    EmbeddedEventStore signallingStore(EmbeddedEventStore.Builder builder) {
        return new EmbeddedEventStore(builder.storageEngine(storage)) {
            @Override
            protected void afterCommit(List<? extends EventMessage<?>> events) {
                super.afterCommit(events);
                committed();
            }
        };
    }

    void committed() {
        commits.signal();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Reader(token);
    }

    /**
     * This tail for a processor that must see other processes' writes sooner than {@link #IDLE_POLL}:
     * its readers query the store at least every {@code idlePoll} while idle (and are still woken at
     * once by this JVM's commits).
     */
    EventStoreTail polling(Duration idlePoll) {
        return new EventStoreTail(storage, commits, idlePoll);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    private final class Reader implements TrackingEventStream {

        private TrackingToken last;
        private Stream<? extends TrackedEventMessage<?>> batch;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;
        /** The commit count when the last query started, and when it ran. */
        private long seen = -1;
        private long queriedAt;

        Reader(TrackingToken start) {
            this.last = start;
            this.queriedAt = System.nanoTime() - idlePollNanos;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peeked != null || hasNextAvailable() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (peeked == null) {
                peeked = read();
                long now = System.nanoTime();
                long remaining = deadline - now;
                if (peeked == null) {
                    if (remaining <= 0) {
                        return false;
                    }
                    long quiet = queriedAt + MIN_QUERY_GAP_NANOS - now;
                    if (quiet > 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(remaining, quiet));
                    } else {
                        awaitCommit(Math.min(remaining, queriedAt + idlePollNanos - now));
                    }
                }
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // keep waiting: the contract is to block until an event is available
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        /** The next event, or null when the store has nothing newer right now. */
        private TrackedEventMessage<?> read() {
            if (iterator == null) {
                long sinceQuery = System.nanoTime() - queriedAt;
                if (sinceQuery < MIN_QUERY_GAP_NANOS || commits.count() == seen && sinceQuery < idlePollNanos) {
                    return null; // too soon, or nothing committed since the last query reached the end
                }
                seen = commits.count();
                queriedAt = System.nanoTime();
                batch = storage.readEvents(last, false);
                iterator = batch.iterator();
            }
            if (iterator.hasNext()) {
                TrackedEventMessage<?> next = iterator.next();
                last = next.trackingToken();
                return next;
            }
            closeBatch();
            return null;
        }

        private void awaitCommit(long nanos) throws InterruptedException {
            commits.awaitAfter(seen, nanos);
        }

        private void closeBatch() {
            if (batch != null) {
                batch.close();
            }
            batch = null;
            iterator = null;
        }

        @Override
        public void close() {
            closeBatch();
        }
    }

    /** This JVM's commits of events, counted, shared by a tail and its {@link #polling} views. */
    private static final class Commits {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition appended = lock.newCondition();
        private volatile long count;

        long count() {
            return count;
        }

        void signal() {
            lock.lock();
            try {
                count++;
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits up to {@code nanos} unless a commit came after the {@code seen}-th. */
        void awaitAfter(long seen, long nanos) throws InterruptedException {
            lock.lock();
            try {
                if (count == seen) {
                    appended.awaitNanos(nanos);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
