package dev.faultline.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Roles nest for every way in: an OpenID Connect identity whose role claim says {@code admin} also
 * gets {@code editor} and {@code reader}, as an admin API token does, so each endpoint names one role.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Role.highest(identity.getRoles())
                .filter(highest -> !identity.getRoles().containsAll(highest.granted()))
                .map(highest -> Uni.createFrom().item((SecurityIdentity) QuarkusSecurityIdentity.builder(identity)
                        .addRoles(highest.granted()).build()))
                .orElseGet(() -> Uni.createFrom().item(identity));
    }
}
