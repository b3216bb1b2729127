package io.merchantdesk.b2b;

import io.merchantdesk.b2b.B2bDtos.Address;
import io.merchantdesk.b2b.B2bDtos.LineItem;
import io.merchantdesk.kernel.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An order of a store's customer; B2B when it has a company location, D2C otherwise. */
@Entity(name = "StoreOrder")
@Table(name = "orders")
public class Order extends BaseEntity {
    // Named for generated SDKs (issue 8): a bare enum name collides with others' and becomes e.g. "Status1".
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "OrderStatus", description = """
            The order's state. OPEN: placed and not finished (the default). CLOSED: fulfilled and finished. \
            CANCELLED: cancelled through the cancellation operation; a cancelled order is never migrated (B2B-2). \
            A soft-deleted order keeps its status and carries deletedAt instead.""")
    public enum Status { OPEN, CLOSED, CANCELLED }

    // Named for generated SDKs (issue 8): a bare enum name collides with others' and becomes e.g. "Status1".
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "OrderType", description = """
            Derived from the company location. D2C: direct to consumer, the order has no company location. \
            B2B: the order belongs to a company location (placed there by a contact, or moved there by a migration, B2B-1).""",
            extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(
            // Constant names for generators, which would otherwise split the digits (D2_C, B2_B).
            name = "x-enum-varnames", value = "[\"D2C\", \"B2B\"]", parseValue = true))
    public enum Type { D2C, B2B }

    @Column(nullable = false, updatable = false)
    public UUID storeId;

    @Column(nullable = false)
    public UUID customerId;
    public UUID companyLocationId;

    @Enumerated(EnumType.STRING)
    public Status status = Status.OPEN;
    public Instant deletedAt;
    public String currency;
    public BigDecimal total;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<LineItem> lineItems;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Address billingAddress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Address shippingAddress;
    public Instant placedAt;
    public UUID migrationId;

    public Type type() {
        return companyLocationId == null ? Type.D2C : Type.B2B;
    }
}
