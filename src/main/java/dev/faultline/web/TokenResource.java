package dev.faultline.web;

import dev.faultline.security.ApiTokens;
import dev.faultline.security.Caller;
import dev.faultline.security.Role;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.Problem.FieldError;
import dev.faultline.web.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** API tokens, for scripts and for the embedded default: created (shown once), listed, revoked. Admin only. */
@Path("/api/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class TokenResource {

    static final int MAX_NAME = 100;

    private final ApiTokens tokens;
    private final Caller caller;

    TokenResource(ApiTokens tokens, Caller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    /** A request for a token: a name, a role, and optionally when it expires. */
    public record TokenBody(String name, String role, String expiresAt) {
    }

    /** A token as listed; {@code token} (the secret) only in the answer that created it. */
    public record TokenView(String id, String name, String role, Instant createdAt, String createdBy,
                            Instant expiresAt, Instant revokedAt, String token) {

        static TokenView of(ApiTokens.Token t, String secret) {
            return new TokenView(t.id(), t.name(), t.role().label(), t.createdAt(), t.createdBy(), t.expiresAt(),
                    t.revokedAt(), secret);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token", description = """
            {"name": "ci-import", "role": "editor", "expiresAt": "2027-06-30T00:00:00Z"} (role: reader, editor or
            admin; expiresAt optional). The answer holds the token's secret in 'token', this once: only its hash is
            kept. Send it as 'Authorization: Bearer <token>'.""")
    public Response create(TokenBody body) {
        TokenBody given = body == null ? new TokenBody(null, null, null) : body;
        List<FieldError> errors = new ArrayList<>();
        String name = given.name() == null ? null : given.name().trim();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("/name", "must be given"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("/name", "must be at most " + MAX_NAME + " characters"));
        }
        Role role = given.role() == null ? null : Role.of(given.role()).orElse(null);
        if (role == null) {
            errors.add(new FieldError("/role", "must be one of " + Arrays.stream(Role.values()).map(Role::label).toList()));
        }
        Instant expiresAt = null;
        if (given.expiresAt() != null) {
            try {
                expiresAt = Instant.parse(given.expiresAt());
                if (!expiresAt.isAfter(Instant.now())) {
                    errors.add(new FieldError("/expiresAt", "must be in the future"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/expiresAt", "must be an ISO-8601 instant such as 2027-06-30T00:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST,
                    "invalid request: " + errors.size() + " field(s) rejected", errors));
        }
        try {
            ApiTokens.Created created = tokens.create(name, role, expiresAt, caller.actor());
            return Locations.created("/api/admin/tokens")
                    .entity(TokenView.of(created.token(), created.secret())).build();
        } catch (ApiTokens.NameTaken e) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, e.getMessage(),
                    List.of(new FieldError("/name", e.getMessage()))));
        }
    }

    @GET
    @Operation(summary = "List API tokens", description = "Every token, newest first, revoked and expired ones included; never a secret.")
    public List<TokenView> list() {
        return tokens.list().stream().map(t -> TokenView.of(t, null)).toList();
    }

    @DELETE
    @Path("/{tokenId}")
    @Operation(summary = "Revoke an API token", description = "From the next request on, the token is refused (401).")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        if (!tokens.revoke(tokenId)) {
            throw new ProblemException(Problem.of(404, "Not Found", "no live token '" + tokenId + "'"));
        }
        return Response.noContent().build();
    }
}
