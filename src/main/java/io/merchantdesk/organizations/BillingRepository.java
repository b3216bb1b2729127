package io.merchantdesk.organizations;

import io.merchantdesk.kernel.persistence.Ids;
import io.merchantdesk.organizations.StoreDtos.CreatePaymentMethodRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Every query of the billing tables: {@code payment_methods} (Panache) and {@code store_invoices} (native insert).
 * Payment methods are always listed primary first, then by id.
 */
@ApplicationScoped
class BillingRepository implements PanacheRepositoryBase<PaymentMethod, UUID> {
    private static final Sort PRIMARY_FIRST = Sort.descending("billingRole").and("id");

    static final String INSERT_INVOICE = """
            INSERT INTO store_invoices (id, store_id, billed_to, amount, currency, reason)
            VALUES (:id, :store, :billedTo, :amount, :currency, :reason)""";

    /** The methods that bill the store: its own, or its organization's once grouped (ORG-9). */
    List<PaymentMethod> billing(Store store) {
        return store.organizationId != null ? ofOrganization(store.organizationId)
                : list("storeId", PRIMARY_FIRST, store.id);
    }

    List<PaymentMethod> ofStores(Collection<UUID> storeIds) {
        return list("storeId in ?1", PRIMARY_FIRST, storeIds);
    }

    List<PaymentMethod> ofOrganization(UUID organizationId) {
        return list("organizationId", PRIMARY_FIRST, organizationId);
    }

    /** The payment methods of several organizations, each organization's in the same order as {@link #ofOrganization}. */
    List<PaymentMethod> ofOrganizations(Collection<UUID> organizationIds) {
        return list("organizationId in ?1", PRIMARY_FIRST, organizationIds);
    }

    /**
     * Persists a new payment method of a store or of an organization (the other id null). A primary one first demotes
     * the primary among {@code current} (the owner's methods) to backup, flushed before the insert so that the owner
     * never holds two primaries.
     */
    PaymentMethod add(UUID storeId, UUID organizationId, List<PaymentMethod> current, CreatePaymentMethodRequest request, boolean primary) {
        if (primary) {
            current.stream().filter(m -> m.billingRole == PaymentMethod.BillingRole.PRIMARY)
                    .forEach(m -> m.billingRole = PaymentMethod.BillingRole.BACKUP);
            flush();
        }
        PaymentMethod m = new PaymentMethod();
        m.storeId = storeId;
        m.organizationId = organizationId;
        m.type = request.type();
        m.label = request.label().trim();
        m.billingRole = primary ? PaymentMethod.BillingRole.PRIMARY : PaymentMethod.BillingRole.BACKUP;
        persist(m);
        return m;
    }

    void deleteAll(Collection<UUID> ids) {
        if (ids.isEmpty()) return;
        delete("id in ?1", ids);
    }

    /** Records an invoice of a store's outstanding bills to a user. */
    void invoice(UUID storeId, UUID billedTo, BigDecimal amount, String currency, String reason) {
        getEntityManager().createNativeQuery(INSERT_INVOICE)
                .setParameter("id", Ids.next()).setParameter("store", storeId).setParameter("billedTo", billedTo)
                .setParameter("amount", amount).setParameter("currency", currency).setParameter("reason", reason)
                .executeUpdate();
    }
}
