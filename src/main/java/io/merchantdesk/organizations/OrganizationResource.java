package io.merchantdesk.organizations;

import io.merchantdesk.kernel.http.Etags;
import io.merchantdesk.kernel.paging.Page;
import io.merchantdesk.kernel.paging.PageParams;
import io.merchantdesk.organizations.OrganizationDtos.*;
import io.merchantdesk.organizations.StoreDtos.CreatePaymentMethodRequest;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import io.merchantdesk.organizations.StoreDtos.StoreView;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/organizations")
@Authenticated
@Tag(name = "Organizations", description = "Group stores under one owner, currency and billing setup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {
    @Inject
    OrganizationService organizations;

    @Inject
    OrganizationAdminService admin;

    @POST
    @Path("/previews")
    @Operation(operationId = "previewOrganization",
            summary = "Review an organization before creating it: every store's eligibility and every effect; changes nothing",
            description = "The review step of ORG-8. Answers, for the stores listed, whether each can be grouped (with the rule "
                    + "and reason when not: ORG-2, 3, 4, 7), the billing currency and Plus status the organization would get, and "
                    + "every effect: permissions removed (ORG-13, ORG-14), store payment methods replaced (ORG-9). "
                    + "paymentMethodId is optional here: without it the preview still answers eligibility and effects, says "
                    + "billing is still to be chosen (billingChosen false) and lists the payment methods to choose from; "
                    + "createOrganization then needs one of them.")
    @APIResponse(responseCode = "200", description = "The verdict and the effects",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Preview.class)))
    @APIResponse(responseCode = "422", description = "ORG_TOO_FEW_STORES (ORG-1) or PAYMENT_METHOD_NOT_IN_STORES")
    public Preview preview(@Valid @NotNull PreviewOrganizationRequest request) {
        return organizations.preview(request);
    }

    @POST
    @Operation(operationId = "createOrganization", summary = "Create an organization from the caller's stores (applies the preview atomically)",
            description = "The confirm step of ORG-8: a name, at least two stores the caller owns and a billing payment method "
                    + "of one of them (paymentMethodId, required), optionally backups. In one transaction the stores join the new "
                    + "organization, the chosen methods become its billing setup, the stores' other methods are removed (ORG-9) "
                    + "and user management and billing permissions of staff are removed and recorded (ORG-13, ORG-14). "
                    + "The billing currency is the billing store's and never changes (ORG-5).")
    @APIResponse(responseCode = "201", description = "The organization and the permissions removed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Created.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: a field is missing or malformed, e.g. paymentMethodId "
            + "(required to create; preview without it instead), or DUPLICATE_STORE_IDS")
    @APIResponse(responseCode = "422", description = "ORGANIZATION_NOT_ELIGIBLE (codes per store in errors), or ORG_TOO_FEW_STORES")
    public Response create(@Valid @NotNull CreateOrganizationRequest request) {
        Created created = organizations.create(request);
        return Response.created(URI.create("/organizations/" + created.organization().id()))
                .tag(Etags.of(created.organization().version())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listOrganizations", summary = "Organizations the caller owns or is a member of",
            description = "Keyset-paged by id: pass the page's nextCursor as cursor for the next page (absent on the last).")
    @APIResponse(responseCode = "200", description = "A page of organizations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationPage.class)))
    public Page<OrganizationView> list(@BeanParam @Valid PageParams page) {
        return admin.list(page);
    }

    @GET
    @Path("/{orgId}")
    @Operation(operationId = "getOrganization", summary = "An organization",
            description = "Its stores and billing setup; for the owner and members only (404 for anyone else). "
                    + "The ETag is the version to send as If-Match on updateOrganization.")
    @APIResponse(responseCode = "200", description = "The organization (ETag: its version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    public Response get(@PathParam("orgId") UUID orgId) {
        OrganizationView org = admin.get(orgId);
        return Response.ok(org).tag(Etags.of(org.version())).build();
    }

    @PATCH
    @Path("/{orgId}")
    @Operation(operationId = "updateOrganization", summary = "Rename an organization or change its billing payment methods",
            description = "If-Match with the current ETag is optional (a stale one is 412). Renaming is for the owner and ADMINs; paymentMethodId and "
                    + "backupPaymentMethodIds choose among the organization's own payment methods (ORGANIZATION_BILLING, ORG-14), "
                    + "methods left out are dropped. The billing currency can never change (ORG-5).")
    @APIResponse(responseCode = "200", description = "The organization",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "422", description = "ORG_CURRENCY_IMMUTABLE: the billing currency can never change (ORG-5)")
    @APIResponse(responseCode = "403", description = "ORGANIZATION_ADMIN_REQUIRED (renaming) or PERMISSION_REQUIRED (billing changes): the caller's role does not allow the change")
    public Response update(@PathParam("orgId") UUID orgId, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateOrganizationRequest request) {
        OrganizationView org = admin.update(orgId, ifMatch, request);
        return Response.ok(org).tag(Etags.of(org.version())).build();
    }

    @GET
    @Path("/{orgId}/stores")
    @Operation(operationId = "listOrganizationStores", summary = "Stores of an organization",
            description = "Every store grouped in the organization, by id; for the owner and members.")
    @APIResponse(responseCode = "200", description = "The stores",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class, type = SchemaType.ARRAY)))
    public List<StoreView> stores(@PathParam("orgId") UUID orgId) {
        return admin.stores(orgId);
    }

    @POST
    @Path("/{orgId}/stores")
    @Operation(operationId = "addStoreToOrganization", summary = "Group a store into the organization (preview with dryRun=true)",
            description = "Only the organization owner, for a store they own (ORG-6, ORG-2). The store adopts the organization's "
                    + "billing payment methods (ORG-9), its staff lose user management and billing (ORG-13, ORG-14), and when it "
                    + "comes from another organization that one's permissions end (ORG-12) and an emptied organization is deleted "
                    + "(ORG-11). With dryRun=true only the verdict and the effects are returned and nothing changes.")
    @APIResponse(responseCode = "200", description = "The store after it joined, with the effects; with dryRun only the verdict and effects",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreGrouped.class)))
    @APIResponse(responseCode = "403", description = "ORGANIZATION_OWNER_REQUIRED: only the organization owner can group stores (ORG-6)")
    @APIResponse(responseCode = "409", description = "STORE_ALREADY_IN_ORGANIZATION: the store is already in this organization")
    @APIResponse(responseCode = "422", description = "ORGANIZATION_NOT_ELIGIBLE: the store is not eligible (ORG-2, 3, 4, 7)")
    public StoreGrouped addStore(@PathParam("orgId") UUID orgId,
                                 @Parameter(description = "Only evaluate; change nothing") @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                                 @Valid @NotNull AddStoreRequest request) {
        return organizations.addStore(orgId, request, dryRun);
    }

    @DELETE
    @Path("/{orgId}/stores/{storeId}")
    @Operation(operationId = "removeStoreFromOrganization",
            summary = "Remove a store from the organization (it keeps its owner and needs a billing setup; the last store deletes the organization)",
            description = "Only the organization owner (ORG-6, ORG-10). The store keeps its owner, leaves without a billing payment "
                    + "method (needsBillingSetup true), and the organization's members lose their permissions on it (ORG-12, "
                    + "recorded in the permission changes). Removing the last store deletes the organization (ORG-11).")
    @APIResponse(responseCode = "200", description = "The store, the permissions removed and whether the organization was deleted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreRemoved.class)))
    @APIResponse(responseCode = "403", description = "ORGANIZATION_OWNER_REQUIRED: only the organization owner can remove stores (ORG-6, ORG-10)")
    public StoreRemoved removeStore(@PathParam("orgId") UUID orgId, @PathParam("storeId") UUID storeId) {
        return organizations.removeStore(orgId, storeId);
    }

    @POST
    @Path("/{orgId}/payment-methods")
    @Operation(operationId = "addOrganizationPaymentMethod", summary = "Add a billing payment method to the organization",
            description = "Type and label only, never card data. For the owner and ADMINs (ORGANIZATION_BILLING, ORG-14). "
                    + "With primary=true (or when the organization has none) it becomes the primary method and the old primary a backup.")
    @APIResponse(responseCode = "201", description = "The payment method",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentMethodView.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_REQUIRED: organization billing is for the owner and ADMINs (ORG-14)")
    public Response addPaymentMethod(@PathParam("orgId") UUID orgId, @Valid @NotNull CreatePaymentMethodRequest request) {
        return Response.status(201).entity(organizations.addPaymentMethod(orgId, request)).build();
    }

    @GET
    @Path("/{orgId}/members")
    @Operation(operationId = "listOrganizationMembers", summary = "The owner and members with their roles and organization-level permissions",
            description = "Keyset-paged like every list: the owner comes first (role OWNER, every organization-level permission), "
                    + "then the members by user id. Pass nextCursor as cursor for the next page; it is absent on the last page, "
                    + "and a cursor not returned by this list is a 400. For the owner and members (404 for anyone else).")
    @APIResponse(responseCode = "200", description = "A page of members",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberPage.class)))
    public Page<MemberView> members(@PathParam("orgId") UUID orgId, @BeanParam @Valid PageParams page) {
        return admin.listMembers(orgId, page);
    }

    @PUT
    @Path("/{orgId}/members/{userId}")
    @Operation(operationId = "putOrganizationMember", summary = "Make a user an ADMIN or MEMBER with organization-level permissions",
            description = "Creates or replaces the membership (role and permissions). Needs ORGANIZATION_MANAGE_USERS (owner and ADMINs "
                    + "hold it). Only organization-level permissions can be granted (PERMISSION_LEVEL_MISMATCH otherwise), "
                    + "ORGANIZATION_BILLING only to ADMINs (ORG-14), and the owner needs no membership.")
    @APIResponse(responseCode = "200", description = "The member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_REQUIRED: the caller cannot manage members")
    @APIResponse(responseCode = "422", description = "ORGANIZATION_BILLING_NEEDS_ADMIN: organization billing is only for ADMINs (ORG-14)")
    public MemberView putMember(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId, @Valid @NotNull MemberRequest request) {
        return admin.putMember(orgId, userId, request);
    }

    @DELETE
    @Path("/{orgId}/members/{userId}")
    @Operation(operationId = "removeOrganizationMember", summary = "Remove a member from the organization",
            description = "Ends the membership and with it every organization-level permission the user held. Needs "
                    + "ORGANIZATION_MANAGE_USERS; the owner cannot be removed (404: not a member row).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "PERMISSION_REQUIRED: the caller cannot manage members")
    public void removeMember(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId) {
        admin.removeMember(orgId, userId);
    }

    @GET
    @Path("/{orgId}/permission-changes")
    @Operation(operationId = "listPermissionChanges", summary = "Permissions removed by grouping, moves and transfers (newest first), to review staff",
            description = "The log of ORG-12, ORG-13 and ORG-14: who lost which permission on which store, why, when and by whose "
                    + "action. Keyset-paged newest first; needs ORGANIZATION_MANAGE_USERS.")
    @APIResponse(responseCode = "200", description = "A page of permission changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PermissionChangePage.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_REQUIRED: the caller cannot manage members")
    public Page<PermissionChangeView> permissionChanges(@PathParam("orgId") UUID orgId, @BeanParam @Valid PageParams page) {
        return admin.permissionChanges(orgId, page);
    }

    @Schema(name = "OrganizationPage")
    public record OrganizationPage(List<OrganizationView> items, String nextCursor) {}

    @Schema(name = "MemberPage")
    public record MemberPage(List<MemberView> items, String nextCursor) {}

    @Schema(name = "PermissionChangePage")
    public record PermissionChangePage(List<PermissionChangeView> items, String nextCursor) {}
}
