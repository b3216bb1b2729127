package io.merchantdesk.sync;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.sync.SyncDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.merchantdesk.sync.erp.ErpDtos.CheckView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores/{storeId}/erp-connection")
@Authenticated
@Tag(name = "ERP sync", description = "A store's ERP connection, sync runs, customer links and imported orders (SYNC-1..19)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErpConnectionResource {
    @Inject
    ConnectionService connections;

    @GET
    @Operation(operationId = "getErpConnection", summary = "The store's ERP connection settings",
            description = "The store's ERP connection: the ERP company, customerImport, customerMappingType, the update and creation switches, the name, contact and county sources, the schedule and the time of the last successful run. The ETag is the version for If-Match.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class)))
    public Response get(@PathParam("storeId") UUID storeId) {
        ConnectionView v = connections.get(storeId);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @PUT
    @Operation(operationId = "putErpConnection", summary = "Connect the store to an ERP company the caller owns, with its sync settings",
            description = "Replaces the whole settings (absent optional fields take their defaults; If-Match with the ETag is required when the connection exists: 428 PRECONDITION_REQUIRED without it, 412 when stale). Validated: the ERP company must be the caller's, customerTemplateCode and defaultCustomerNo must exist in it, contactSource cannot be COMPANY_NAME, scheduleCron must be a Quartz cron (required when scheduleEnabled). Every pending record of the store (failed or skipped) becomes due at once, so the next run re-evaluates it under the new settings; switching to another ERP company drops the links and starts the change capture from scratch.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class)))
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: the connection exists and If-Match is missing")
    public Response put(@PathParam("storeId") UUID storeId, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ConnectionRequest request) {
        ConnectionView v = connections.put(storeId, ifMatch, request);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @POST
    @Path("/checks")
    @Operation(operationId = "checkErpConnection", summary = "Check the store's ERP connection (reachability, credentials, modules)",
            description = """
                    Tests the ERP company the store is connected to, like POST /erp-companies/{erpCompanyId}/checks: BUILT_IN is always ok;
                    TRYTON answers ERP_UNREACHABLE, ERP_AUTH_FAILED, ERP_MODULE_MISSING (party and sale must be activated),
                    ERP_CREDENTIALS_UNREADABLE or ERP_ERROR; BUSINESS_CENTRAL answers ERP_UNREACHABLE, ERP_AUTH_FAILED,
                    ERP_COMPANY_NOT_FOUND, ERP_CREDENTIALS_UNREADABLE or ERP_ERROR. A failed check is still a 200: the problems are the answer. Needs
                    MANAGE_ERP_SYNC on the store.""")
    @APIResponse(responseCode = "200", description = "The check's outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckView.class)))
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection yet")
    public CheckView check(@PathParam("storeId") UUID storeId) {
        return connections.check(storeId);
    }

    @GET
    @Path("/customer-templates")
    @Operation(operationId = "listCountryTemplates", summary = "The per-country (and per-state) customer template rows",
            description = "The store's per-country rows (state code empty) and per-state rows, by country and state. Keyset-paged.")
    @APIResponse(responseCode = "200", description = "A page of rows by country and state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplatePage.class)))
    public Page<CountryTemplateView> rows(@PathParam("storeId") UUID storeId, @BeanParam @Valid PageParams page) {
        return connections.rows(storeId, page);
    }

    @GET
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "getCountryTemplate", summary = "A per-country (or, with stateCode, per-state) customer template row",
            description = "One row: the default customer for orders to that country (SYNC-1), the template for customers created from it (SYNC-6), prices including VAT and the VAT group or tax area of its orders (SYNC-10). With stateCode, the per-state row.")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplateView.class)))
    public Response row(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                        @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state) {
        CountryTemplateView v = connections.getRow(storeId, country, state);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @PUT
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "putCountryTemplate", summary = "Create or replace a per-country (or per-state) customer template row",
            description = "Creates or replaces a row (If-Match with its ETag is required when the row exists: 428 PRECONDITION_REQUIRED without it, 412 when stale). The template code and the default customer must exist in the connection's ERP company. Every pending record of the store becomes due at once.")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplateView.class)))
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection yet")
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: the row exists and If-Match is missing")
    public Response putRow(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                           @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CountryTemplateRequest request) {
        CountryTemplateView v = connections.putRow(storeId, country, state, ifMatch, request);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @DELETE
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "deleteCountryTemplate", summary = "Delete a per-country (or per-state) customer template row",
            description = "Deletes a row (If-Match with its ETag is optional; a stale one is 412); orders and customers of that country then fall back to the connection's settings. Every pending record of the store becomes due at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteRow(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                          @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state,
                          @HeaderParam("If-Match") String ifMatch) {
        connections.deleteRow(storeId, country, state, ifMatch);
    }
}
