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
    @Operation(operationId = "getErpConnection", summary = "The store's ERP connection settings")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class)))
    public Response get(@PathParam("storeId") UUID storeId) {
        ConnectionView v = connections.get(storeId);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @PUT
    @Operation(operationId = "putErpConnection", summary = "Connect the store to an ERP company the caller owns, with its sync settings")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionView.class)))
    public Response put(@PathParam("storeId") UUID storeId, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ConnectionRequest request) {
        ConnectionView v = connections.put(storeId, ifMatch, request);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @GET
    @Path("/customer-templates")
    @Operation(operationId = "listCountryTemplates", summary = "The per-country (and per-state) customer template rows")
    @APIResponse(responseCode = "200", description = "A page of rows by country and state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplatePage.class)))
    public Page<CountryTemplateView> rows(@PathParam("storeId") UUID storeId, @BeanParam @Valid PageParams page) {
        return connections.rows(storeId, page);
    }

    @GET
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "getCountryTemplate", summary = "A per-country (or, with stateCode, per-state) customer template row")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplateView.class)))
    public Response row(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                        @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state) {
        CountryTemplateView v = connections.getRow(storeId, country, state);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @PUT
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "putCountryTemplate", summary = "Create or replace a per-country (or per-state) customer template row")
    @APIResponse(responseCode = "200", description = "The row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CountryTemplateView.class)))
    @APIResponse(responseCode = "422", description = "SYNC_NOT_CONNECTED: the store has no ERP connection yet")
    public Response putRow(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                           @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CountryTemplateRequest request) {
        CountryTemplateView v = connections.putRow(storeId, country, state, ifMatch, request);
        return Response.ok(v).tag(Etags.of(v.version())).build();
    }

    @DELETE
    @Path("/customer-templates/{countryCode}")
    @Operation(operationId = "deleteCountryTemplate", summary = "Delete a per-country (or per-state) customer template row")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteRow(@PathParam("storeId") UUID storeId, @PathParam("countryCode") String country,
                          @Parameter(description = "State/province code; absent for the whole country") @QueryParam("stateCode") String state,
                          @HeaderParam("If-Match") String ifMatch) {
        connections.deleteRow(storeId, country, state, ifMatch);
    }
}
