package dev.faultline.infra.axon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.api.event.RootCauseRuledOut;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events stored under a name the API no longer uses, read under the new one (the payload is
 * unchanged): {@code RootCauseRetracted} became {@link RootCauseRuledOut} when the vocabulary
 * settled on "ruled out" (docs/decisions.md). Stored events are never rewritten.
 */
final class RenamedEvents extends SingleEventUpcaster {

    private static final Map<String, SerializedType> RENAMED = Map.of(
            "dev.faultline.api.event.RootCauseRetracted", new SimpleSerializedType(RootCauseRuledOut.class.getName(), null));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return RENAMED.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(RENAMED.get(representation.getType().getName()), JsonNode.class,
                Function.identity());
    }
}
