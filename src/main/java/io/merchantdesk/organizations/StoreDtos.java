package io.merchantdesk.organizations;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.merchantdesk.kernel.access.Permission;
import io.merchantdesk.kernel.money.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the store endpoints. */
// Native image: registers every nested record for Jackson too (ignoreNested defaults to false).
@RegisterForReflection
public final class StoreDtos {
    private StoreDtos() {}

    @Schema(name = "CreateStoreRequest")
    public record CreateStoreRequest(
            @NotBlank @Size(max = 200) @Schema(required = true, examples = "Oslo Outdoor") String name,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
            @Schema(required = true, description = "ISO 4217 code; INR stores cannot join organizations (ORG-4)", examples = "USD") String billingCurrency,
            @NotNull @Schema(required = true, examples = "GROW") Plan plan) {
    }

    @Schema(name = "UpdateStoreRequest", description = "Fields to change; absent fields stay as they are")
    public record UpdateStoreRequest(
            @Size(min = 1, max = 200) @Schema(examples = "Oslo Outdoor & Co") String name,
            @Schema(examples = "ADVANCED") Plan plan) {
    }

    @Schema(name = "Store")
    public record StoreView(
            @Schema(required = true) UUID id,
            @Schema(required = true, examples = "Oslo Outdoor") String name,
            @Schema(required = true) UUID ownerId,
            @Schema(required = true, examples = "USD") String billingCurrency,
            @Schema(required = true) Plan plan,
            @Schema(description = "The organization the store is grouped in, if any") UUID organizationId,
            @Schema(required = true) Money outstandingBalance,
            @Schema(required = true) Money billingThreshold,
            @Schema(required = true, description = "True when the store has no billing payment method and needs one before its next bill (ORG-10)")
            boolean needsBillingSetup,
            @Schema(required = true) long version,
            @Schema(required = true) Instant createdAt) {

        static StoreView of(Store s) {
            return new StoreView(s.id, s.name, s.ownerId, s.billingCurrency, s.plan, s.organizationId,
                    Money.of(s.outstandingBalance, s.billingCurrency), Money.of(s.billingThreshold, s.billingCurrency),
                    s.needsBillingSetup, s.version, s.createdAt);
        }
    }

    @Schema(name = "StaffRequest")
    public record StaffRequest(
            @NotNull @Size(max = 50) @Schema(required = true, description = "Store-level permissions (replaces what the user had)", examples = "[\"MANAGE_ORDERS\",\"VIEW_PAYMENT_PAYOUTS\"]")
            List<@NotNull Permission> permissions) {
    }

    @Schema(name = "StaffMember")
    public record StaffView(UUID storeId, UUID userId, List<Permission> permissions) {
    }

    @Schema(name = "CreatePaymentMethodRequest", description = "A billing payment method by type and label; never card data")
    public record CreatePaymentMethodRequest(
            @NotNull @Schema(required = true, examples = "CARD") PaymentMethod.Type type,
            @NotBlank @Size(max = 100) @Schema(required = true, examples = "Visa ending 4242") String label,
            @Schema(description = "Make it the primary billing method (else a backup)") boolean primary) {
    }

    @Schema(name = "PaymentMethod")
    public record PaymentMethodView(UUID id, PaymentMethod.Type type,
                                    @Schema(examples = "Visa ending 4242") String label,
                                    PaymentMethod.BillingRole billingRole,
                                    @Schema(description = "Set when the method belongs to a store") UUID storeId,
                                    @Schema(description = "Set when the method belongs to an organization's billing") UUID organizationId) {
        static PaymentMethodView of(PaymentMethod m) {
            return new PaymentMethodView(m.id, m.type, m.label, m.billingRole, m.storeId, m.organizationId);
        }
    }
}
