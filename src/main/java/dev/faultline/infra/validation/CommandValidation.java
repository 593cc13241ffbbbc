package dev.faultline.infra.validation;

import dev.faultline.api.command.DeclareIncident;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation of commands (the {@code jakarta.validation} annotations of {@code api.command}),
 * by Hibernate Validator, whose factory is built on a thread of its own while the application
 * starts instead of on the start's path. Quarkus's Hibernate Validator extension builds it on the
 * main thread with the metadata of every constrained class, which was a quarter of the main
 * thread's start (docs/decisions.md, "Start-up"). A validation asked for before the factory is
 * ready waits for it. Messages are interpolated from their parameters ({@code {max}}), without
 * an expression language.
 */
@ApplicationScoped
public class CommandValidation {

    private final CompletableFuture<ValidatorFactory> factory;
    /** The factory's one validator (thread-safe), not a new one per command. */
    private final CompletableFuture<Validator> validator;

    public CommandValidation() {
        this(CommandValidation::hibernateValidator);
    }

    CommandValidation(Supplier<ValidatorFactory> build) {
        this.factory = CompletableFuture.supplyAsync(build, task -> {
            Thread thread = new Thread(task, "validation-init");
            thread.setDaemon(true);
            thread.start();
        });
        this.validator = factory.thenApply(ValidatorFactory::getValidator);
    }

    /** The violations of a command's constraints; none when it is valid. */
    public <T> Set<ConstraintViolation<T>> validate(T command) {
        return validator.join().validate(command);
    }

    /** Rejects an invalid command before it is dispatched, as Axon's {@code BeanValidationInterceptor} does. */
    public MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, message) -> {
                    Set<ConstraintViolation<Object>> violations = validate(message.getPayload());
                    if (!violations.isEmpty()) {
                        throw new JSR303ViolationException(violations);
                    }
                    return message;
                };
            }
        };
    }

    @PreDestroy
    void close() {
        factory.thenAccept(ValidatorFactory::close);
    }

    /** The factory every instance builds (tests build it through here too). */
    static ValidatorFactory hibernateValidator() {
        ValidatorFactory built = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        // one command's metadata now, so the first request does not load and run the machinery cold
        built.getValidator().getConstraintsForClass(DeclareIncident.class);
        return built;
    }
}
