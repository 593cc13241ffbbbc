package dev.faultline.infra.axon;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

/**
 * Makes sure every command, and so every event it causes, says who recorded it ({@code actor}),
 * how ({@code via}: api, import, seed) and under which {@code correlationId}. Events are
 * immutable, so a command arriving without them gets the defaults rather than nothing.
 */
public final class CommandMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String ACTOR = "actor";
    public static final String VIA = "via";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ANONYMOUS = "anonymous";

    /** Keys copied from each command onto the events it causes. */
    public static final List<String> KEYS = List.of(ACTOR, VIA, CORRELATION_ID);

    public static MetaData of(String actor, String via, String correlationId) {
        return MetaData.with(ACTOR, actor == null ? ANONYMOUS : actor)
                .and(VIA, via)
                .and(CORRELATION_ID, correlationId == null ? UUID.randomUUID().toString() : correlationId);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            MetaData given = command.getMetaData();
            MetaData defaults = MetaData.with(ACTOR, ANONYMOUS).and(VIA, "api")
                    .and(CORRELATION_ID, command.getIdentifier());
            return command.andMetaData(defaults.mergedWith(given));
        };
    }
}
