package io.merchantdesk.identity;

import io.merchantdesk.kernel.error.Problem;
import io.merchantdesk.kernel.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@Authenticated
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(operationId = "getMe", summary = "The caller, provisioned from the token on first call",
            description = "The user behind the bearer token: a users row is created from the token's subject, e-mail and name "
                    + "the first time it is seen; roles come from the token's groups.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserView me() {
        return new UserView(currentUser.id(), currentUser.subject(), currentUser.email(), currentUser.name(), currentUser.roles());
    }
}
