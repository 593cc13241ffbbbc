package dev.faultline.infra.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bean Validation of commands (the {@code jakarta.validation} annotations of {@code api.command}) by
 * the validator of Quarkus's Hibernate Validator extension: Axon's dispatch interceptor (it throws
 * Axon's {@code JSR303ViolationException}) and the importer's check. The factory used to be built
 * on a thread of its own to shorten the start; measured against the extension it was within the
 * noise and cost memory, so it went (docs/decisions.md, "Start-up: Bean Validation").
 */
@ApplicationScoped
public class CommandValidation {

    private final Validator validator;

    /** Quarkus's validator (built by the extension). */
    @jakarta.inject.Inject
    public CommandValidation(Validator validator) {
        this.validator = validator;
    }

    /** For tests outside the container: the same provider, messages interpolated from their parameters. */
    public CommandValidation() {
        this(Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
    }

    /** The violations of a command's constraints; none when it is valid. */
    public <T> Set<ConstraintViolation<T>> validate(T command) {
        return validator.validate(command);
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
}
