package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A billing payment method, by type and label only (never card data). It belongs to a store, or to
 * the organization whose billing it was chosen for.
 */
@Entity
@Table(name = "payment_methods")
public class PaymentMethod extends BaseEntity {
    @Schema(name = "PaymentMethodType", description = "How a billing payment method pays (only the type and a label are stored, never card data): "
            + "CARD = a credit or debit card; PAYPAL = a PayPal account")
    public enum Type { CARD, PAYPAL }

    @Schema(name = "BillingRole", description = "The part a payment method plays in a billing setup: "
            + "PRIMARY = charged first (one per store or organization); BACKUP = charged when the primary fails, in the listed order")
    public enum BillingRole { PRIMARY, BACKUP }

    public UUID storeId;
    public UUID organizationId;

    @Enumerated(EnumType.STRING)
    public Type type;
    public String label;

    @Enumerated(EnumType.STRING)
    public BillingRole billingRole;
}
