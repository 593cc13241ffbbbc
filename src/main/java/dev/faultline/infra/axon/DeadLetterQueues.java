package dev.faultline.infra.axon;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * The dead-letter queues where projections park the events they cannot apply: Axon's
 * {@link JdbcSequencedDeadLetterQueue}, one per processing group, in {@code deadletterentry}
 * (V10). Its connections are those of the current Axon transaction, so an event parked by a
 * processor is parked in the same commit as the processor's token: it is either applied, or
 * parked, never lost between the two.
 */
@ApplicationScoped
public class DeadLetterQueues {

    /** Diagnostics key: how many times the event failed (the first failure included). */
    public static final String ATTEMPTS = "attempts";

    /**
     * Bounds of Axon's queue: past them parking fails and the processor stops on the event, as it
     * did before there was a queue (an incident with thousands of parked events is not a poison
     * event any more, it is a bug to fix).
     */
    private static final int MAX_INCIDENTS = 10_000;
    private static final int MAX_EVENTS_PER_INCIDENT = 10_000;

    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();

    private final ProcessorNames names;

    DeadLetterQueues(ConnectionProvider connections, TransactionManager transactions, ProcessorNames names) {
        this.names = names;
        this.connections = connections;
        this.transactions = transactions;
    }

    /** The queue of one projection's processor on this node (ProcessorNames: a node's own events, for a per-node one). */
    public SequencedDeadLetterQueue<EventMessage<?>> queue(String projection) {
        return queues.computeIfAbsent(names.of(projection), group -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .genericSerializer(EventSerialization.serializer())
                .eventSerializer(EventSerialization.serializer())
                .maxSequences(MAX_INCIDENTS)
                .maxSequenceSize(MAX_EVENTS_PER_INCIDENT)
                .build());
    }

    /** Every failure parks (or keeps parked) the event, counting the attempts in its diagnostics. */
    public static EnqueuePolicy<EventMessage<?>> countingAttempts() {
        return (letter, cause) -> {
            long attempts = attempts(letter.diagnostics().get(ATTEMPTS)) + 1;
            return Decisions.requeue(ThrowableCause.truncated(cause),
                    failed -> failed.diagnostics().and(ATTEMPTS, attempts));
        };
    }

    /** The attempts recorded in a letter's diagnostics (0 for a letter parked behind another). */
    public static long attempts(Object recorded) {
        return recorded instanceof Number number ? number.longValue() : 0;
    }
}
