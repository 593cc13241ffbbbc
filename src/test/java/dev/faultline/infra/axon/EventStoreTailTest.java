package dev.faultline.infra.axon;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' event source: reads what is stored, sleeps when caught up, wakes on a commit. */
class EventStoreTailTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EventStoreTail tail = new EventStoreTail(storage);
    private long sequence;

    private void append(String payload) {
        storage.appendEvents(new GenericDomainEventMessage<>("Incident", "inc-1", sequence++, payload));
    }

    @Test
    void reads_every_stored_event_in_order_then_reports_nothing_new() throws InterruptedException {
        append("a");
        append("b");
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("a");
            assertThat(stream.peek()).hasValueSatisfying(e -> assertThat(e.getPayload()).isEqualTo("b"));
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("b");
            assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(stream.hasNextAvailable()).isFalse();
        }
    }

    @Test
    void a_waiting_reader_is_woken_by_a_commit_before_its_idle_poll() throws Exception {
        append("a");
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("a");
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                append("b");
                tail.committed();
            });
            long start = System.nanoTime();
            writer.start();
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("b");
            // woken by the commit (~100 ms), not by the 500 ms idle poll
            assertThat(waitedMs).isLessThan(450);
            writer.join();
        }
    }

    @Test
    void an_event_written_without_a_signal_is_found_by_the_idle_poll() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.openStream(null)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            append("from another process");
            assertThat(stream.hasNextAvailable(3, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("from another process");
        }
    }

    @Test
    void a_shorter_idle_poll_finds_another_process_write_sooner() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> usual = tail.openStream(null);
             BlockingStream<TrackedEventMessage<?>> eager = tail.polling(Duration.ofMillis(50)).openStream(null)) {
            assertThat(usual.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(eager.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
            append("from another process");
            // no commit signal: the 50 ms poll finds it, the 500 ms poll is not due yet
            assertThat(eager.hasNextAvailable(400, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(usual.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(eager.nextAvailable().getPayload()).isEqualTo("from another process");
        }
        assertThat(tail.polling(Duration.ofMillis(50)).createHeadToken()).isEqualTo(storage.createHeadToken());
    }

    @Test
    void a_stream_opened_at_a_token_starts_after_it() throws InterruptedException {
        append("a");
        append("b");
        TrackedEventMessage<?> first;
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.openStream(null)) {
            first = stream.nextAvailable();
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.openStream(first.trackingToken())) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("b");
        }
        // tokens come from the storage engine
        assertThat(tail.createHeadToken()).isEqualTo(storage.createHeadToken());
        assertThat(tail.createTailToken()).isEqualTo(storage.createTailToken());
    }
}
