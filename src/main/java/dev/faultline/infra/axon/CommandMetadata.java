package dev.faultline.infra.axon;

import dev.faultline.api.command.Recording;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

/**
 * Makes sure every command, and so every event it causes, says who recorded it ({@link Recording}).
 * Events are immutable, so a command arriving without them gets the defaults rather than nothing.
 */
public final class CommandMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            MetaData given = command.getMetaData();
            MetaData defaults = MetaData.with(Recording.ACTOR, Recording.ANONYMOUS).and(Recording.VIA, "api")
                    .and(Recording.CORRELATION_ID, command.getIdentifier());
            return command.andMetaData(defaults.mergedWith(given));
        };
    }
}
