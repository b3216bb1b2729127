package io.merchantdesk.organizations;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.organizations.StoreDtos.*;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/stores")
@Authenticated
@Tag(name = "Stores", description = "Stores, their staff and billing payment methods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoreResource {
    @Inject
    StoreService stores;

    @Inject
    OrganizationService organizations;

    @POST
    @Operation(operationId = "createStore", summary = "Create a store; the caller becomes its owner")
    @APIResponse(responseCode = "201", description = "The store",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response create(@Valid @NotNull CreateStoreRequest request) {
        StoreView store = stores.create(request);
        return Response.created(URI.create("/stores/" + store.id())).tag(Etags.of(store.version())).entity(store).build();
    }

    @GET
    @Operation(operationId = "listStores", summary = "Stores the caller owns, is staff on, or administers")
    @APIResponse(responseCode = "200", description = "A page of stores",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StorePage.class)))
    public io.merchantdesk.kernel.paging.Page<StoreView> list(@BeanParam @Valid PageParams page) {
        return stores.list(page);
    }

    @GET
    @Path("/{storeId}")
    @Operation(operationId = "getStore", summary = "A store")
    @APIResponse(responseCode = "200", description = "The store (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response get(@PathParam("storeId") UUID storeId) {
        StoreView store = stores.get(storeId);
        return Response.ok(store).tag(Etags.of(store.version())).build();
    }

    @PATCH
    @Path("/{storeId}")
    @Operation(operationId = "updateStore", summary = "Rename a store or change its plan")
    @APIResponse(responseCode = "200", description = "The store",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response update(@PathParam("storeId") UUID storeId, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateStoreRequest request) {
        StoreView store = stores.update(storeId, ifMatch, request);
        return Response.ok(store).tag(Etags.of(store.version())).build();
    }

    @GET
    @Path("/{storeId}/staff")
    @Operation(operationId = "listStoreStaff", summary = "Staff of a store with their store-level permissions")
    @APIResponse(responseCode = "200", description = "A page of staff",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffPage.class)))
    public io.merchantdesk.kernel.paging.Page<StaffView> staff(@PathParam("storeId") UUID storeId, @BeanParam @Valid PageParams page) {
        return stores.listStaff(storeId, page);
    }

    @PUT
    @Path("/{storeId}/staff/{userId}")
    @Operation(operationId = "putStoreStaff", summary = "Grant a user store-level permissions (replaces what they had)")
    @APIResponse(responseCode = "200", description = "The staff member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffView.class)))
    public StaffView putStaff(@PathParam("storeId") UUID storeId, @PathParam("userId") UUID userId, @Valid @NotNull StaffRequest request) {
        return stores.putStaff(storeId, userId, request);
    }

    @DELETE
    @Path("/{storeId}/staff/{userId}")
    @Operation(operationId = "removeStoreStaff", summary = "Remove a user from a store's staff")
    @APIResponse(responseCode = "204", description = "Removed")
    public void removeStaff(@PathParam("storeId") UUID storeId, @PathParam("userId") UUID userId) {
        stores.removeStaff(storeId, userId);
    }

    @GET
    @Path("/{storeId}/payment-methods")
    @Operation(operationId = "listStorePaymentMethods", summary = "Billing payment methods that apply to a store (its organization's when grouped)")
    @APIResponse(responseCode = "200", description = "The payment methods, primary first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<PaymentMethodView> paymentMethods(@PathParam("storeId") UUID storeId) {
        return stores.paymentMethods(storeId);
    }

    @POST
    @Path("/{storeId}/payment-methods")
    @Operation(operationId = "addStorePaymentMethod", summary = "Add a billing payment method to a store (type and label only)")
    @APIResponse(responseCode = "201", description = "The payment method",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class)))
    public Response addPaymentMethod(@PathParam("storeId") UUID storeId, @Valid @NotNull CreatePaymentMethodRequest request) {
        return Response.status(201).entity(stores.addPaymentMethod(storeId, request)).build();
    }

    @POST
    @Path("/{storeId}/ownership-transfers")
    @Operation(operationId = "transferStoreOwnership",
            summary = "Transfer a store to a new owner (it leaves its organization; bills below the threshold move with it)")
    @APIResponse(responseCode = "200", description = "The store, the permissions removed (ORG-12) and the billing outcome (ORG-16)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationDtos.Transferred.class)))
    @APIResponse(responseCode = "403", description = "STORE_OWNER_REQUIRED: the caller does not own the store")
    public OrganizationDtos.Transferred transfer(@PathParam("storeId") UUID storeId, @Valid @NotNull OrganizationDtos.TransferRequest request) {
        return organizations.transfer(storeId, request);
    }

    @POST
    @Path("/{storeId}/charges")
    @Operation(operationId = "addStoreCharge", summary = "Accrue a billing charge on a store (platform-admin role)")
    @APIResponse(responseCode = "200", description = "The store with its new outstanding balance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    @APIResponse(responseCode = "403", description = "ROLE_REQUIRED: the caller lacks the platform-admin role")
    public StoreView charge(@PathParam("storeId") UUID storeId, @Valid @NotNull OrganizationDtos.ChargeRequest request) {
        return organizations.charge(storeId, request);
    }

    @Schema(name = "StorePage")
    public record StorePage(List<StoreView> items, String nextCursor) {}

    @Schema(name = "StaffPage")
    public record StaffPage(List<StaffView> items, String nextCursor) {}
}
