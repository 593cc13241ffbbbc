package dev.faultline.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling, as recorded on the events a request causes: the authenticated principal
 * ({@code token:<name>}, or an OpenID Connect subject), never anything the client merely claims in a header.
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
        return current == null || current.isAnonymous() ? ApiTokenAuthentication.ANONYMOUS : current.getPrincipal().getName();
    }
}
