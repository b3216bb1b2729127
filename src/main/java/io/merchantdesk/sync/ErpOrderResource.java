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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/erp-orders")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
public class ErpOrderResource {
    @Inject
    LinkService links;

    @GET
    @Operation(operationId = "listErpOrders", summary = "Imported orders with the chosen ERP customer and the rule that chose it",
            description = "Store orders imported as ERP orders, with sell-to and bill-to customer numbers (equal, SYNC-4), how the customer was chosen (chosenBy) and the rule (SYNC-1, 2, 3 or 6), prices including VAT and the VAT group or tax area (SYNC-10). Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of imported orders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErpOrderPage.class)))
    public Page<ErpOrderView> list(@PathParam("storeId") UUID storeId, @BeanParam @Valid PageParams page) {
        return links.erpOrders(storeId, page);
    }
}
