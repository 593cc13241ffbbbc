package dev.faultline.api.value;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.TYPE;

/**
 * Every value in the command can be stored and projected by every read model: text holds no NUL,
 * control character or lone surrogate (PostgreSQL's JSONB refuses them), and every time lies
 * between {@link Limits#EARLIEST} and {@link Limits#LATEST} (a timestamp column, a Lucene long and
 * a postmortem's durations all hold those). Checked over the whole command, nested lists and
 * records included; each offending value is reported with its JSON pointer.
 */
@Documented
@Inherited
@Constraint(validatedBy = StorableValues.class)
@Target(TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {
    String message() default "holds a value that cannot be stored";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
