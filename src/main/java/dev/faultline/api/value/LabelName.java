package dev.faultline.api.value;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.*;

/** A taxonomy label written {@code dimension:label}, e.g. {@code trigger:config-change}. */
@Documented
@Pattern(regexp = Limits.LABEL_PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface LabelName {
    String message() default "must be written dimension:label, e.g. trigger:config-change";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
