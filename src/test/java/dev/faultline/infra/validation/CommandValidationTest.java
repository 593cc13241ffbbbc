package dev.faultline.infra.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.api.command.DeclareIncident;
import dev.faultline.api.value.Limits;
import dev.faultline.api.value.Severity;
import jakarta.validation.ConstraintViolation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.junit.jupiter.api.Test;

class CommandValidationTest {

    private static final Instant AT = Instant.parse("2025-11-18T11:20:00Z");

    private final CommandValidation validation = new CommandValidation();

    @Test
    void names_each_offending_field_with_its_constraint_message() {
        DeclareIncident bad = new DeclareIncident("Not A Slug", " ", "x".repeat(Limits.NAME + 1), null, AT,
                null, null, null, null);

        Map<String, String> messages = new TreeMap<>();
        for (ConstraintViolation<DeclareIncident> v : validation.validate(bad)) {
            messages.put(v.getPropertyPath().toString(), v.getMessage());
        }

        assertThat(messages).containsExactly(
                Map.entry("incidentId", "must match " + Limits.ID_PATTERN),
                Map.entry("organization", "size must be between 0 and " + Limits.NAME),
                Map.entry("severity", "must not be null"),
                Map.entry("title", "must not be blank"));
    }

    @Test
    void the_dispatch_interceptor_rejects_invalid_commands_and_passes_valid_ones() {
        CommandMessage<?> valid = GenericCommandMessage.asCommandMessage(
                new DeclareIncident("cloudflare-2025-11-18", "Bot management feature file", "Cloudflare",
                        Severity.SEV1, AT, null, null, null, null));
        CommandMessage<?> invalid = GenericCommandMessage.asCommandMessage(
                new DeclareIncident("cloudflare-2025-11-18", "", "Cloudflare", Severity.SEV1, AT, null, null, null,
                        null));

        var interceptor = validation.dispatchInterceptor();

        assertThat(interceptor.handle(valid)).isSameAs(valid);
        assertThatThrownBy(() -> interceptor.handle(invalid))
                .isInstanceOfSatisfying(JSR303ViolationException.class, e -> assertThat(e.getViolations())
                        .extracting(v -> v.getPropertyPath().toString()).containsExactly("title"));
    }
}
