package io.merchantdesk.organizations;

import jakarta.persistence.EntityManager;
import java.util.List;

/** Queries of billing payment methods shared by stores and organizations. */
final class PaymentMethods {
    private PaymentMethods() {}

    static List<PaymentMethod> billing(EntityManager em, Store store) {
        return store.organizationId != null ? ofOrganization(em, store.organizationId)
                : em.createQuery("FROM PaymentMethod WHERE storeId = :s ORDER BY billingRole DESC, id", PaymentMethod.class)
                        .setParameter("s", store.id).getResultList();
    }

    /** The payment methods of several organizations, each organization's in the same order as {@link #ofOrganization}. */
    static List<PaymentMethod> ofOrganizations(EntityManager em, java.util.Collection<java.util.UUID> organizationIds) {
        return em.createQuery("FROM PaymentMethod WHERE organizationId IN :o ORDER BY billingRole DESC, id", PaymentMethod.class)
                .setParameter("o", organizationIds).getResultList();
    }

    static List<PaymentMethod> ofOrganization(EntityManager em, java.util.UUID organizationId) {
        return em.createQuery("FROM PaymentMethod WHERE organizationId = :o ORDER BY billingRole DESC, id", PaymentMethod.class)
                .setParameter("o", organizationId).getResultList();
    }
}
