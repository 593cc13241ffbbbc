package dev.faultline.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first way in. With {@code FAULTLINE_ADMIN_TOKEN} set (automation, CI), that secret is an admin
 * token named {@value #CONFIGURED}; a new value replaces the previous one. Otherwise, on a start
 * with no live token at all and no OpenID Connect, an admin token is created and printed once in the
 * log, as Jupyter does.
 */
@ApplicationScoped
class FirstAdminToken {

    private static final Logger LOG = Logger.getLogger(FirstAdminToken.class);
    static final String CONFIGURED = "FAULTLINE_ADMIN_TOKEN";
    static final String FIRST = "first-admin";
    /** A chosen secret shorter than this is refused: it would be guessable. */
    static final int MIN_LENGTH = 20;

    private final ApiTokens tokens;
    private final Optional<String> configured;
    private final boolean oidc;

    FirstAdminToken(ApiTokens tokens, @ConfigProperty(name = "faultline.admin-token") Optional<String> configured,
                    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.tokens = tokens;
        this.configured = configured.filter(s -> !s.isBlank());
        this.oidc = oidc;
    }

    void onStart(@Observes StartupEvent event) {
        if (configured.isPresent()) {
            String secret = configured.get().trim();
            if (secret.length() < MIN_LENGTH) {
                throw new IllegalStateException(CONFIGURED + " must be at least " + MIN_LENGTH + " characters");
            }
            if (!tokens.exists(secret)) {
                tokens.list().stream().filter(t -> t.name().equals(CONFIGURED) && t.revokedAt() == null)
                        .forEach(t -> tokens.revoke(t.id()));
                tokens.insert(CONFIGURED, Role.ADMIN, null, "configuration", secret);
                LOG.infof("Admin API token from %s stored", CONFIGURED);
            }
            return;
        }
        if (!oidc && !tokens.anyActive()) { // with OpenID Connect, admins come from the identity provider
            ApiTokens.Created created = tokens.create(FIRST, Role.ADMIN, null, "first start");
            LOG.infof("""
                    
                    ================================================================================
                    No API token existed, so Faultline created an admin token. It is shown this once:
                    
                        %s
                    
                    Send it as 'Authorization: Bearer <token>'. Create tokens for people and scripts
                    with POST /api/admin/tokens, then revoke this one (docs/security.md).
                    ================================================================================""",
                    created.secret());
        }
    }
}
