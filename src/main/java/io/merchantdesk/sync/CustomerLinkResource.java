package io.merchantdesk.sync;

import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/customer-links")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerLinkResource {
    @Inject
    LinkService links;

    @GET
    @Operation(operationId = "listCustomerLinks", summary = "Store customer ↔ ERP customer links",
            description = "Each link of a store customer to an ERP customer number, with when and from which side (STORE import, ERP export, MANUAL) it was last synchronised; optionally for one customer. Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkPage.class)))
    public Page<LinkView> list(@PathParam("storeId") UUID storeId,
                               @Parameter(description = "Only this store customer's link") @QueryParam("customerId") UUID customerId,
                               @BeanParam @Valid PageParams page) {
        return links.links(storeId, customerId, page);
    }
}
