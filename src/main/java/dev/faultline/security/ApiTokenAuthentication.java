package dev.faultline.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Authorization: Bearer <API token>}. Without the header the caller is anonymous: with
 * {@code faultline.security.public-read=true} an anonymous reader (reads pass, a write is 401), else
 * nobody (every API call is 401). A header that is not a live token is 401 whatever the endpoint.
 * With OpenID Connect on ({@code quarkus.oidc.tenant-enabled}), a bearer token shaped like a JWT is
 * left to the OIDC mechanism, which runs after this one.
 */
@ApplicationScoped
public class ApiTokenAuthentication implements HttpAuthenticationMechanism {

    /** The principal of a caller who sent no credentials. */
    public static final String ANONYMOUS = "anonymous";

    private final boolean publicRead;
    private final boolean oidc;

    ApiTokenAuthentication(@ConfigProperty(name = "faultline.security.public-read", defaultValue = "false") boolean publicRead,
                           @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.publicRead = publicRead;
        this.oidc = oidc;
    }

    /** An API token's secret to check; a request type of its own, so only {@link ApiTokenIdentities} sees it. */
    public static final class ApiTokenRequest extends io.quarkus.security.identity.request.BaseAuthenticationRequest {
        private final String secret;

        ApiTokenRequest(String secret) {
            this.secret = secret;
        }

        public String secret() {
            return secret;
        }
    }

    /** Before the OIDC mechanism (default priority), so a missing header gives the anonymous reader. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return Uni.createFrom().item(publicRead ? anonymousReader() : null);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the Authorization header must be 'Bearer <API token>'"));
        }
        String secret = header.substring(7).trim();
        if (oidc && secret.chars().filter(c -> c == '.').count() == 2) {
            return Uni.createFrom().nullItem(); // a JWT: the OIDC mechanism's
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiTokenRequest(secret), context));
    }

    private static SecurityIdentity anonymousReader() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(ANONYMOUS)).setAnonymous(true)
                .addRoles(Role.READER.granted()).build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"faultline\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
