package dev.faultline.web.problem;

/** Ends a request with the given problem (and, for a temporary refusal, a {@code Retry-After}). */
public final class ProblemException extends RuntimeException {

    private final Problem problem;
    private final String retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, String retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response response = problem.toResponse();
        return retryAfter == null ? response
                : jakarta.ws.rs.core.Response.fromResponse(response).header("Retry-After", retryAfter).build();
    }
}
