package dev.faultline.infra.axon;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

/** What the streaming event processors (one per projection) are doing, for operations and read-your-writes. */
@ApplicationScoped
public class ProjectionMonitor {

    /** One processor: whether it runs, whether it is failing, and the global position it has processed up to. */
    public record ProcessorState(String name, boolean running, boolean failing, String error, OptionalLong position) {
    }

    private final AxonConfiguration axon;

    ProjectionMonitor(AxonConfiguration axon) {
        this.axon = axon;
    }

    public ProcessorState state(String processor) {
        TrackingEventProcessor tracking = processor(processor);
        Map<Integer, EventTrackerStatus> statuses = tracking.processingStatus();
        OptionalLong position = OptionalLong.empty();
        String error = null;
        for (EventTrackerStatus status : statuses.values()) {
            OptionalLong current = status.getCurrentPosition();
            if (current.isPresent() && (position.isEmpty() || current.getAsLong() < position.getAsLong())) {
                position = current;
            }
            if (status.isErrorState() && status.getError() != null) {
                error = status.getError().getMessage();
            }
        }
        return new ProcessorState(processor, tracking.isRunning(), tracking.isError() || error != null, error, position);
    }

    /**
     * Waits until the processor has processed the event at {@code position} (or later), at most
     * {@code timeout}. Polls the processor's in-memory status, which is cheap.
     */
    public boolean awaitPosition(String processor, long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            OptionalLong reached = state(processor).position();
            if (reached.isPresent() && reached.getAsLong() >= position) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
    }

    private TrackingEventProcessor processor(String name) {
        return axon.configuration().eventProcessingConfiguration()
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no event processor named " + name));
    }
}
