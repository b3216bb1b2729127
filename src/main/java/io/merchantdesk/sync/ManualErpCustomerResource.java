package io.merchantdesk.sync;

import io.merchantdesk.sync.SyncDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/customers/{customerId}/erp-customer")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ManualErpCustomerResource {
    @Inject
    LinkService links;

    @POST
    @Operation(operationId = "createOrLinkErpCustomer",
            summary = "Create the store customer's ERP customer from the template, or link it to a given one (SYNC-6, by hand)",
            description = "With customerNo: links the store customer to that existing ERP customer. Without: creates the ERP customer from the template of the customer's country row or the connection (SYNC-6, SYNC-7) and links it. 422 with the rule's code when it cannot (already linked, no address, template missing or incomplete, number linked to another store customer).")
    @APIResponse(responseCode = "201", description = "The link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkView.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_LINKED or DUPLICATE: the customer is already linked, or the ERP customer is linked to another store customer")
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED, or the sync engine's refusal code: no address (SYNC-6), no or an incomplete template (SYNC-7), or no ERP connection")
    public Response create(@PathParam("storeId") UUID storeId, @PathParam("customerId") UUID customerId, @Valid ManualErpCustomerRequest request) {
        return Response.status(201).entity(links.createOrLink(storeId, customerId, request)).build();
    }
}
