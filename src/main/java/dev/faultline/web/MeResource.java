package dev.faultline.web;

import dev.faultline.security.Caller;
import dev.faultline.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/me}: who the caller is, so a client (the web UI) can say who its writes are recorded as. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@RolesAllowed(Role.READ)
public class MeResource {

    /** {@code actor}: the name recorded on the events this caller's writes cause; {@code role}: reader, editor or admin. */
    public record Me(String actor, String role) {
    }

    private final Caller caller;
    private final SecurityIdentity identity;

    MeResource(Caller caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Who am I", description = "The caller's actor (as recorded on events) and highest role.")
    public Me me() {
        return new Me(caller.actor(), Role.highest(identity.getRoles()).map(Role::label).orElse(Role.READ));
    }
}
