package dev.faultline.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling, as recorded on the events a request causes: the authenticated principal
 * ({@code token:<name>}, or {@code oidc:<subject>}), never anything the client merely claims in a header.
 */
@ApplicationScoped
public class Caller {

    private final CurrentIdentityAssociation identity;

    Caller(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    /** The current principal's name, or {@value ApiTokenAuthentication#ANONYMOUS}. */
    public String actor() {
        SecurityIdentity current = identity.getIdentity();
        if (current == null || current.isAnonymous()) {
            return ApiTokenAuthentication.ANONYMOUS;
        }
        if (current.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && jwt.getSubject() != null) {
            return "oidc:" + jwt.getSubject(); // the provider's stable subject, not a display name
        }
        return current.getPrincipal().getName();
    }
}
