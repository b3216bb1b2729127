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
    @Operation(operationId = "createStore", summary = "Create a store; the caller becomes its owner",
            description = "The store starts outside any organization, with no billing payment method (needsBillingSetup true) "
                    + "and a zero outstanding balance. The billing currency is an ISO 4217 code.")
    @APIResponse(responseCode = "201", description = "The store",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response create(@Valid @NotNull CreateStoreRequest request) {
        StoreView store = stores.create(request);
        return Response.created(URI.create("/stores/" + store.id())).tag(Etags.of(store.version())).entity(store).build();
    }

    @GET
    @Operation(operationId = "listStores", summary = "Stores the caller owns, is staff on, or administers",
            description = "Administers = owner or ADMIN of the store's organization. Keyset-paged by id: pass nextCursor as cursor.")
    @APIResponse(responseCode = "200", description = "A page of stores",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StorePage.class)))
    public io.merchantdesk.kernel.paging.Page<StoreView> list(@BeanParam @Valid PageParams page) {
        return stores.list(page);
    }

    @GET
    @Path("/{storeId}")
    @Operation(operationId = "getStore", summary = "A store",
            description = "For anyone related to the store (owner, staff, owner or member of its organization); 404 for anyone else. "
                    + "The ETag is the version to send as If-Match on updateStore.")
    @APIResponse(responseCode = "200", description = "The store (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response get(@PathParam("storeId") UUID storeId) {
        StoreView store = stores.get(storeId);
        return Response.ok(store).tag(Etags.of(store.version())).build();
    }

    @PATCH
    @Path("/{storeId}")
    @Operation(operationId = "updateStore", summary = "Rename a store or change its plan",
            description = "If-Match with the current ETag is optional (a stale one is 412). Renaming needs MANAGE_STORE_SETTINGS, a plan change MANAGE_PLAN "
                    + "(which stays store-level inside an organization, ORG-15).")
    @APIResponse(responseCode = "200", description = "The store",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Response update(@PathParam("storeId") UUID storeId, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateStoreRequest request) {
        StoreView store = stores.update(storeId, ifMatch, request);
        return Response.ok(store).tag(Etags.of(store.version())).build();
    }

    @GET
    @Path("/{storeId}/staff")
    @Operation(operationId = "listStoreStaff", summary = "Staff of a store with their store-level permissions",
            description = "Needs MANAGE_STAFF, or ORGANIZATION_MANAGE_USERS when the store is in an organization. "
                    + "Keyset-paged by user id.")
    @APIResponse(responseCode = "200", description = "A page of staff",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffPage.class)))
    public io.merchantdesk.kernel.paging.Page<StaffView> staff(@PathParam("storeId") UUID storeId, @BeanParam @Valid PageParams page) {
        return stores.listStaff(storeId, page);
    }

    @PUT
    @Path("/{storeId}/staff/{userId}")
    @Operation(operationId = "putStoreStaff", summary = "Grant a user store-level permissions (replaces what they had)",
            description = "Needs MANAGE_STAFF (or ORGANIZATION_MANAGE_USERS in an organization). Only store-level permissions; inside "
                    + "an organization user management and billing are organization-level and refused (ORG-13, ORG-14). "
                    + "The store owner holds everything and needs no staff row.")
    @APIResponse(responseCode = "200", description = "The staff member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffView.class)))
    @APIResponse(responseCode = "422", description = "PERMISSION_IS_ORGANIZATION_LEVEL (ORG-13, ORG-14: the store is in an organization), "
            + "or OWNER_HAS_ALL_PERMISSIONS (the user owns the store)")
    public StaffView putStaff(@PathParam("storeId") UUID storeId, @PathParam("userId") UUID userId, @Valid @NotNull StaffRequest request) {
        return stores.putStaff(storeId, userId, request);
    }

    @DELETE
    @Path("/{storeId}/staff/{userId}")
    @Operation(operationId = "removeStoreStaff", summary = "Remove a user from a store's staff",
            description = "The user loses every store-level permission on the store. Needs MANAGE_STAFF (or ORGANIZATION_MANAGE_USERS).")
    @APIResponse(responseCode = "204", description = "Removed")
    public void removeStaff(@PathParam("storeId") UUID storeId, @PathParam("userId") UUID userId) {
        stores.removeStaff(storeId, userId);
    }

    @GET
    @Path("/{storeId}/payment-methods")
    @Operation(operationId = "listStorePaymentMethods", summary = "Billing payment methods that apply to a store (its organization's when grouped)",
            description = "Primary first. Needs VIEW_BILLS, or ORGANIZATION_BILLING once the store is in an organization (ORG-9, ORG-14).")
    @APIResponse(responseCode = "200", description = "The payment methods, primary first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<PaymentMethodView> paymentMethods(@PathParam("storeId") UUID storeId) {
        return stores.paymentMethods(storeId);
    }

    @POST
    @Path("/{storeId}/payment-methods")
    @Operation(operationId = "addStorePaymentMethod", summary = "Add a billing payment method to a store (type and label only)",
            description = "Needs MANAGE_BILLING_PAYMENT_METHODS. With primary=true (or when the store has none) it becomes the primary "
                    + "method; it clears needsBillingSetup (ORG-10). A store in an organization is billed by the organization: "
                    + "STORE_BILLED_BY_ORGANIZATION (ORG-9).")
    @APIResponse(responseCode = "201", description = "The payment method",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class)))
    public Response addPaymentMethod(@PathParam("storeId") UUID storeId, @Valid @NotNull CreatePaymentMethodRequest request) {
        return Response.status(201).entity(stores.addPaymentMethod(storeId, request)).build();
    }

    @POST
    @Path("/{storeId}/ownership-transfers")
    @Operation(operationId = "transferStoreOwnership",
            summary = "Transfer a store to a new owner (it leaves its organization; bills below the threshold move with it)",
            description = "Only the store owner. The store leaves its organization (its members' permissions end, ORG-12; an emptied "
                    + "organization is deleted, ORG-11); staff keep their store-level permissions. Outstanding bills below the "
                    + "billing threshold move with the store; at or over it they are invoiced to the previous owner first (ORG-16).")
    @APIResponse(responseCode = "200", description = "The store, the permissions removed (ORG-12) and the billing outcome (ORG-16)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationDtos.Transferred.class)))
    @APIResponse(responseCode = "403", description = "STORE_OWNER_REQUIRED: the caller does not own the store")
    public OrganizationDtos.Transferred transfer(@PathParam("storeId") UUID storeId, @Valid @NotNull OrganizationDtos.TransferRequest request) {
        return organizations.transfer(storeId, request);
    }

    @POST
    @Path("/{storeId}/charges")
    @Operation(operationId = "addStoreCharge", summary = "Accrue a billing charge on a store (platform-admin role)",
            description = "Adds the amount to the store's outstanding balance (in the store's billing currency); for platform operators.")
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
