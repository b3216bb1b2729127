package io.merchantdesk.sync;

import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Store company ↔ ERP customer links (SYNC-21, SYNC-25) and the export of ERP customers as companies (SYNC-26). */
@Path("/stores/{storeId}")
@Authenticated
@Tag(name = "ERP sync")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyLinkResource {
    @jakarta.inject.Inject
    CompanyLinkService links;

    @GET
    @Path("company-links")
    @Operation(operationId = "listCompanyLinks", summary = "Store company ↔ ERP customer links",
            description = "Each store company's ERP customer number, with when and from which side (STORE import, ERP export, MANUAL) it was last synchronised; optionally for one company. Keyset-paged. A link whose company was deleted in the store stays until it is unlinked (SYNC-25).")
    @APIResponse(responseCode = "200", description = "A page of links",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyLinkPage.class)))
    public Page<CompanyLinkView> list(@PathParam("storeId") UUID storeId,
                                      @Parameter(description = "Only this company's link") @QueryParam("companyId") UUID companyId,
                                      @BeanParam @Valid PageParams page) {
        return links.links(storeId, companyId, page);
    }

    @PUT
    @Path("company-links/{companyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkCompany", summary = "Link a store company to an existing ERP customer, by hand",
            description = "The company's ERP customer from now on (its B2B orders, updates in both directions). Resolves the company's pending work. 404 when the company or the ERP customer does not exist; 409 ALREADY_LINKED (unlink first) or DUPLICATE (the ERP customer is another company's).")
    @APIResponse(responseCode = "200", description = "The link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyLinkView.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_LINKED or DUPLICATE")
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection")
    public CompanyLinkView link(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId,
                                @NotNull @Valid LinkCompanyRequest request) {
        return links.link(storeId, companyId, request);
    }

    @DELETE
    @Path("company-links/{companyId}")
    @Operation(operationId = "unlinkCompany", summary = "Unlink a store company from its ERP customer",
            description = "The next CUSTOMERS run matches or creates the company's ERP customer again (when the company still exists). This is how a person resolves SYNC-25's pending work (a company deleted in the store, or an ERP customer deleted in the ERP); nothing is deleted in the ERP. The locations' own ERP customers are unlinked with it.")
    @APIResponse(responseCode = "204", description = "Unlinked")
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection")
    public void unlink(@PathParam("storeId") UUID storeId, @PathParam("companyId") UUID companyId) {
        links.unlink(storeId, companyId);
    }

    @POST
    @Path("company-exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportErpCustomersAsCompanies", summary = "Make ERP customers store companies (SYNC-26)",
            description = "Each ERP customer with a valid e-mail becomes a store company: its name, its number as external id, one location with its address, phone and tax id (companyTaxIdField), and its store counterpart (found by its customer link, e-mail or phone, else created) as main contact with defaultContactRole at that location; the company is linked to the ERP customer. With companyId, each ERP customer becomes one more location of that company instead, as the location's own ERP customer. One item per distinct number, in request order; a number that cannot be exported is SKIPPED with its reason code. One transaction.")
    @APIResponse(responseCode = "200", description = "What was made of each number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyExportResult.class)))
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection")
    public CompanyExportResult export(@PathParam("storeId") UUID storeId, @NotNull @Valid CompanyExportRequest request) {
        return links.export(storeId, request);
    }
}
