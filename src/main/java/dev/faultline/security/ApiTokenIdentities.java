package dev.faultline.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Turns a bearer secret into the identity of its API token: principal {@code token:<name>}, the token's role and those it includes. */
@ApplicationScoped
public class ApiTokenIdentities implements IdentityProvider<ApiTokenAuthentication.ApiTokenRequest> {

    private final ApiTokens tokens;

    ApiTokenIdentities(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<ApiTokenAuthentication.ApiTokenRequest> getRequestType() {
        return ApiTokenAuthentication.ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenAuthentication.ApiTokenRequest request, AuthenticationRequestContext context) {
        Optional<ApiTokens.Token> recent = tokens.recentlyVerified(request.secret());
        if (recent.isPresent()) {
            return Uni.createFrom().item(identity(recent.get()));
        }
        return context.runBlocking(() -> tokens.verify(request.secret()).map(ApiTokenIdentities::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked API token")));
    }

    private static SecurityIdentity identity(ApiTokens.Token token) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("token:" + token.name()))
                .addRoles(token.role().granted())
                .build();
    }
}
