package io.merchantdesk.organizations;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.money.Money;
import io.merchantdesk.organizations.StoreDtos.PaymentMethodView;
import io.merchantdesk.organizations.StoreDtos.StoreView;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the organization endpoints. */
// Native image: registers every nested record for Jackson too (ignoreNested defaults to false).
@RegisterForReflection
public final class OrganizationDtos {
    private OrganizationDtos() {}

    @Schema(name = "CreateOrganizationRequest",
            description = "The organization to create (ORG-8): a name, the stores and the billing payment method. "
                    + "The same body can be previewed first (previewOrganization), where the payment method is optional.")
    public record CreateOrganizationRequest(
            @NotBlank @Size(max = 200) @Schema(required = true, examples = "Nordic Outdoor Group") String name,
            @NotNull @Size(max = 100) @Schema(required = true, description = "At least two stores, all owned by the caller (ORG-1, ORG-2)")
            List<@NotNull UUID> storeIds,
            @NotNull(message = "is required to create an organization: choose one of the grouped stores' payment methods "
                    + "(preview without it to check eligibility first)")
            @Schema(required = true, description = "A payment method of one of the stores: the organization's primary billing method")
            UUID paymentMethodId,
            @Size(max = 10) @Schema(description = "Further payment methods of the grouped stores, kept as backups in this order")
            List<@NotNull UUID> backupPaymentMethodIds) {

        public List<UUID> backups() {
            return backupPaymentMethodIds == null ? List.of() : backupPaymentMethodIds;
        }
    }

    @Schema(name = "PreviewOrganizationRequest",
            description = "The stores to check before creating an organization. Billing may still be open: without "
                    + "paymentMethodId the preview answers eligibility and effects and says billing is still to be chosen "
                    + "(billingChosen false, with the payment methods to choose from).")
    public record PreviewOrganizationRequest(
            @Size(max = 200) @Schema(description = "Optional here (required to create)", examples = "Nordic Outdoor Group") String name,
            @NotNull @Size(max = 100) @Schema(required = true, description = "At least two stores, all owned by the caller (ORG-1, ORG-2)")
            List<@NotNull UUID> storeIds,
            @Schema(description = "Optional: the primary billing method to preview with; without it billing is left open "
                    + "and the billing currency is that of the first store the caller owns")
            UUID paymentMethodId,
            @Size(max = 10) @Schema(description = "Backups, only together with paymentMethodId")
            List<@NotNull UUID> backupPaymentMethodIds) {

        public List<UUID> backups() {
            return backupPaymentMethodIds == null ? List.of() : backupPaymentMethodIds;
        }
    }

    @Schema(name = "IneligibilityReason")
    public record Reason(
            @Schema(examples = "CURRENCY_MISMATCH") String code,
            @Schema(examples = "ORG-3") String rule,
            @Schema(examples = "The store bills in CAD; the organization bills in USD") String message) {
    }

    @Schema(name = "StoreEligibility")
    public record StoreEligibility(UUID storeId,
                                   @Schema(description = "Absent when the store is not visible to the caller") String storeName,
                                   boolean eligible, List<Reason> reasons) {
    }

    /** Why a permission is (or will be) removed. */
    @Schema(name = "PermissionRemovalReason", description = "Why a permission is (or will be) removed: "
            + "ORGANIZATION_CREATED = the store was grouped into a new organization, so user management and billing became "
            + "organization-level (ORG-13, ORG-14); STORE_JOINED_ORGANIZATION = the same when the store joined an existing "
            + "organization; STORE_LEFT_ORGANIZATION = the store left (removed, moved or transferred) and the old "
            + "organization's members lost their organization-level permissions on it (ORG-12)")
    public enum RemovalReason {
        /** ORG-13, ORG-14: user management and billing become organization-level when an organization is created. */
        ORGANIZATION_CREATED,
        /** ORG-13, ORG-14: the same when a store joins an existing organization. */
        STORE_JOINED_ORGANIZATION,
        /** ORG-12: organization-level permissions from the old organization end for the store. */
        STORE_LEFT_ORGANIZATION
    }

    @Schema(name = "PermissionRemoval", description = "A permission that a user loses (or will lose)")
    public record PermissionRemoval(UUID userId, UUID storeId, Permission permission, Permission.Level level,
                                    RemovalReason reason,
                                    @Schema(description = "The organization the change concerns") UUID organizationId) {
    }

    @Schema(name = "BillingSetup", description = "The billing payment methods that will apply")
    public record BillingSetup(PaymentMethodView primary, List<PaymentMethodView> backups) {
    }

    @Schema(name = "GroupingEffects", description = "Everything that will change")
    public record Effects(List<PermissionRemoval> permissionRemovals,
                          BillingSetup billingPaymentMethods,
                          @Schema(description = "Store payment methods replaced by the organization's (ORG-9); "
                                  + "empty while billing is still to be chosen (the ones not chosen at creation are replaced)")
                          List<PaymentMethodView> paymentMethodsRemoved,
                          @Schema(description = "Organizations left without stores and deleted (ORG-11)")
                          List<UUID> organizationsDeleted) {
    }

    @Schema(name = "OrganizationPreview", description = "The verdict for every store and every effect; nothing was changed",
            examples = """
            {"eligible":false,"billingCurrency":"USD","plus":false,
             "stores":[{"storeId":"0193a5a0-0000-7000-8000-000000000001","storeName":"Oslo Outdoor","eligible":true,"reasons":[]},
                       {"storeId":"0193a5a0-0000-7000-8000-000000000002","storeName":"Toronto Trails","eligible":false,
                        "reasons":[{"code":"CURRENCY_MISMATCH","rule":"ORG-3","message":"The store bills in CAD; the organization bills in USD"}]},
                       {"storeId":"0193a5a0-0000-7000-8000-000000000003","storeName":"Mumbai Mountain","eligible":false,
                        "reasons":[{"code":"CURRENCY_NOT_SUPPORTED","rule":"ORG-4","message":"Stores billing in INR cannot form or join an organization"},
                                   {"code":"CURRENCY_MISMATCH","rule":"ORG-3","message":"The store bills in INR; the organization bills in USD"}]},
                       {"storeId":"0193a5a0-0000-7000-8000-000000000004","eligible":false,
                        "reasons":[{"code":"NOT_OWNER","rule":"ORG-2","message":"Only the owner of a store can group it"}]}],
             "effects":{"permissionRemovals":[{"userId":"0193a5a0-0000-7000-8000-0000000000aa","storeId":"0193a5a0-0000-7000-8000-000000000001",
                        "permission":"VIEW_BILLS","level":"STORE","reason":"ORGANIZATION_CREATED"}],
                        "billingPaymentMethods":{"primary":{"id":"0193a5a0-0000-7000-8000-0000000000p1","type":"CARD","label":"Visa ending 4242","billingRole":"PRIMARY"},"backups":[]},
                        "paymentMethodsRemoved":[],"organizationsDeleted":[]},
             "billingChosen":true,
             "paymentMethodChoices":[{"id":"0193a5a0-0000-7000-8000-0000000000p1","type":"CARD","label":"Visa ending 4242","billingRole":"PRIMARY",
                                      "storeId":"0193a5a0-0000-7000-8000-000000000001"}]}""")
    public record Preview(boolean eligible,
                          @Schema(examples = "USD") String billingCurrency,
                          boolean plus,
                          List<StoreEligibility> stores,
                          Effects effects,
                          @Schema(description = "False when previewed without paymentMethodId: billing is still to be chosen, "
                                  + "and creating the organization needs one of paymentMethodChoices as paymentMethodId")
                          boolean billingChosen,
                          @Schema(description = "The grouped stores' payment methods that paymentMethodId and backupPaymentMethodIds can name")
                          List<PaymentMethodView> paymentMethodChoices) {
    }

    @Schema(name = "Organization")
    public record OrganizationView(@Schema(required = true) UUID id,
                                   @Schema(required = true, examples = "Nordic Outdoor Group") String name,
                                   @Schema(required = true) UUID ownerId,
                                   @Schema(required = true, description = "Set at creation; never changes (ORG-5)", examples = "USD") String billingCurrency,
                                   @Schema(required = true) boolean plus,
                                   @Schema(required = true) List<UUID> storeIds,
                                   @Schema(required = true) BillingSetup billingPaymentMethods,
                                   @Schema(required = true) long version,
                                   @Schema(required = true) Instant createdAt) {
    }

    @Schema(name = "OrganizationCreated")
    public record Created(OrganizationView organization, List<PermissionRemoval> removedPermissions,
                          List<PaymentMethodView> paymentMethodsRemoved, List<UUID> organizationsDeleted) {
    }

    @Schema(name = "AddStoreRequest")
    public record AddStoreRequest(@NotNull @Schema(required = true, description = "A store the caller owns") UUID storeId) {
    }

    @Schema(name = "StoreGroupingResult", description = "The store after it joined (or, with dryRun, the preview)")
    public record StoreGrouped(boolean dryRun, boolean eligible, StoreEligibility verdict, Effects effects, StoreView store) {
    }

    @Schema(name = "StoreRemoved")
    public record StoreRemoved(StoreView store, List<PermissionRemoval> removedPermissions, boolean organizationDeleted) {
    }

    @Schema(name = "UpdateOrganizationRequest", description = "Fields to change; billingCurrency can never change (ORG-5)")
    public record UpdateOrganizationRequest(
            @Size(min = 1, max = 200) String name,
            @Schema(description = "Sending a different currency is refused with ORG_CURRENCY_IMMUTABLE", examples = "USD")
            String billingCurrency,
            @Schema(description = "One of the organization's payment methods to make primary") UUID paymentMethodId,
            @Size(max = 10) List<@NotNull UUID> backupPaymentMethodIds) {
    }

    @Schema(name = "MemberRole", description = "The role granted to an organization member: "
            + "ADMIN = holds every organization-level permission (including ORGANIZATION_BILLING, ORG-14) and every store-level "
            + "permission on the organization's stores, and may rename the organization; "
            + "MEMBER = holds only the organization-level permissions listed in the grant")
    public enum MemberRole { ADMIN, MEMBER }

    @Schema(name = "MemberRequest")
    public record MemberRequest(@NotNull @Schema(required = true, examples = "MEMBER") MemberRole role,
                                @NotNull @Size(max = 20) @Schema(required = true, description = "Organization-level permissions (replaces what the member had)",
                                        examples = "[\"ORGANIZATION_VIEW_STORES\"]")
                                List<@NotNull Permission> permissions) {
    }

    /** The role a user holds in an organization, as listed; only ADMIN and MEMBER can be granted (see MemberRole). */
    @Schema(name = "OrganizationRole", description = "The role a user holds in an organization, as listed: "
            + "OWNER = created the organization and holds every permission (groups and removes stores, ORG-6); "
            + "ADMIN = every organization-level permission and every store-level permission on its stores; "
            + "MEMBER = the organization-level permissions granted. Only ADMIN and MEMBER can be granted (MemberRole).")
    public enum OrganizationRole { OWNER, ADMIN, MEMBER }

    @Schema(name = "OrganizationMember")
    public record MemberView(UUID organizationId, UUID userId,
                             // A named enum, so generated clients get one OrganizationRole type rather than an inline RoleEnum.
                             @Schema(examples = "ADMIN") OrganizationRole role,
                             List<Permission> permissions) {
    }

    @Schema(name = "PermissionChange", description = "A recorded removal of a permission: who lost what, where, why, when and by whom")
    public record PermissionChangeView(UUID id, UUID organizationId, UUID storeId, UUID userId, Permission permission,
                                       Permission.Level level, RemovalReason reason, UUID changedBy, Instant changedAt) {
    }

    @Schema(name = "OwnershipTransferRequest")
    public record TransferRequest(@NotNull @Schema(required = true, description = "The user who becomes the owner") UUID newOwnerId) {
    }

    @Schema(name = "OwnershipTransferResult")
    public record Transferred(StoreView store, List<PermissionRemoval> removedPermissions, boolean organizationDeleted,
                              @Schema(description = "ORG-16: outstanding bills that moved with the store and are due from the new owner")
                              Money outstandingBillsMoved,
                              @Schema(description = "Outstanding bills at or over the billing threshold, invoiced to the previous owner")
                              Money invoicedToPreviousOwner) {
    }

    @Schema(name = "StoreChargeRequest", description = "A billing charge accrued by a store (platform operators)")
    public record ChargeRequest(@NotNull @DecimalMin(value = "0.01") @Schema(required = true, examples = "19.99") BigDecimal amount,
                                @NotBlank @Size(max = 200) @Schema(required = true, examples = "App subscription, November") String description) {
    }
}
