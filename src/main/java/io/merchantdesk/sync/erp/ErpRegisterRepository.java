package io.merchantdesk.sync.erp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** The queries of the built-in ERP register's API (erp_companies, erp_customers, erp_customer_templates). */
@ApplicationScoped
public class ErpRegisterRepository {
    @Inject
    EntityManager em;

    /** Up to {@code limit} companies of the owner after the given id (null: from the start). */
    public List<ErpCompany> companies(UUID ownerId, UUID after, int limit) {
        var q = em.createQuery("FROM ErpCompany c WHERE c.ownerId = :me" + (after == null ? "" : " AND c.id > :after") + " ORDER BY c.id",
                ErpCompany.class).setParameter("me", ownerId);
        if (after != null) q.setParameter("after", after);
        return q.setMaxResults(limit).getResultList();
    }

    /** Up to {@code limit} customer cards of the company after the given number. */
    public List<ErpCustomer> customers(UUID companyId, String after, int limit) {
        var q = em.createQuery("FROM ErpCustomer c WHERE c.erpCompanyId = :co" + (after == null ? "" : " AND c.customerNo > :after")
                + " ORDER BY c.customerNo", ErpCustomer.class).setParameter("co", companyId);
        if (after != null) q.setParameter("after", after);
        return q.setMaxResults(limit).getResultList();
    }

    /** The customer card with this number, or null. */
    public ErpCustomer customer(UUID companyId, String no) {
        return em.createQuery("FROM ErpCustomer c WHERE c.erpCompanyId = :co AND c.customerNo = :no", ErpCustomer.class)
                .setParameter("co", companyId).setParameter("no", no).getResultStream().findFirst().orElse(null);
    }

    /** The template with this code, or null. */
    public ErpCustomerTemplate template(UUID companyId, String code) {
        return em.createQuery("FROM ErpCustomerTemplate t WHERE t.erpCompanyId = :co AND t.code = :code", ErpCustomerTemplate.class)
                .setParameter("co", companyId).setParameter("code", code).getResultStream().findFirst().orElse(null);
    }

    /** Up to {@code limit} templates of the company after the given code. */
    public List<ErpCustomerTemplate> templates(UUID companyId, String after, int limit) {
        var q = em.createQuery("FROM ErpCustomerTemplate t WHERE t.erpCompanyId = :co" + (after == null ? "" : " AND t.code > :after")
                + " ORDER BY t.code", ErpCustomerTemplate.class).setParameter("co", companyId);
        if (after != null) q.setParameter("after", after);
        return q.setMaxResults(limit).getResultList();
    }
}
