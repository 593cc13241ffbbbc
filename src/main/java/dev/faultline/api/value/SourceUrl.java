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

/** An absolute http(s) URL of at most {@link Limits#URL} characters. */
@Documented
@Pattern(regexp = Limits.URL_PATTERN)
@jakarta.validation.constraints.Size(max = Limits.URL)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SourceUrl {
    String message() default "must be an absolute http(s) URL of at most 2000 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
