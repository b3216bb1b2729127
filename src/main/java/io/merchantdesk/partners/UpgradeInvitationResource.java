package io.merchantdesk.partners;

import io.merchantdesk.kernel.security.CurrentUser;
import io.merchantdesk.partners.PartnerDtos.InvitationView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/upgrade-invitations")
@Authenticated
@Tag(name = "Upgrade invitations", description = "Plus upgrade invitations sent by partners to store owners (PRT-6)")
@Produces(MediaType.APPLICATION_JSON)
public class UpgradeInvitationResource {
    @Inject
    CurrentUser currentUser;

    @Inject
    UpgradeInvitationService invitations;

    @GET
    @Path("/{invitationId}")
    @Operation(operationId = "getUpgradeInvitation", summary = "An upgrade invitation (its store owner, or members of the inviting partner)",
            description = "The invitation's status, terms link, expiry and, once accepted, the time by which the store is on Plus; 404 for anyone else.")
    @APIResponse(responseCode = "200", description = "The invitation with its terms link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    public InvitationView get(@PathParam("invitationId") UUID invitationId) {
        return invitations.get(Actor.of(currentUser), invitationId);
    }

    @POST
    @Path("/{invitationId}/acceptance")
    @Operation(operationId = "acceptUpgradeInvitation",
            summary = "The store owner accepts the Plus terms; the store is on Plus within 24 hours (PRT-6)",
            description = "Only the owner the invitation was sent to, while still the owner, accepts, once and before expiry; eligibility is "
                    + "checked again. The upgrade job then moves the store to Plus and records the referral.")
    @APIResponse(responseCode = "200", description = "The accepted invitation with applyBy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "403", description = "STORE_OWNER_REQUIRED: the caller is not the store owner")
    @APIResponse(responseCode = "409", description = "INVITATION_ALREADY_ACCEPTED: already accepted")
    @APIResponse(responseCode = "422", description = "INVITATION_EXPIRED, or the store is no longer eligible")
    public InvitationView accept(@PathParam("invitationId") UUID invitationId) {
        return invitations.accept(Actor.of(currentUser), invitationId);
    }
}
